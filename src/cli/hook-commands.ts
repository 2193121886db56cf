import { Argument, type Command } from 'commander';
import { AGENTS, SHELLS } from '../integrations/names.js';

const AGENT_EVENTS: Record<(typeof AGENTS)[number], string> = {
  'claude-code': 'Claude Code PreToolUse',
  cursor: 'Cursor beforeShellExecution / beforeMCPExecution',
  gemini: 'Gemini CLI BeforeTool',
  codex: 'Codex CLI PreToolUse',
};

const FAIL_MODE_HELP = `
The verdict comes from the running daemon when it answers (PROXILION_SOCKET, else LISTEN_ADDR),
else from the shared SQLite session store in this process. PROXILION_FAIL_MODE=open|closed
(default open) decides what an internal error or a blown PROXILION_HOOK_BUDGET_MS does.`;

/** `proxilion hook …`: the agent hooks, the shell check, and the shell snippet's init/install/uninstall. */
export function addHookCommands(program: Command): void {
  const hook = program
    .command('hook')
    .description('guard an agent (the hook it runs before each tool call) or an interactive shell (a pre-exec hook)');

  for (const agent of AGENTS) {
    hook
      .command(agent)
      .description(`the ${AGENT_EVENTS[agent]} hook: reads the hook JSON on stdin, answers in the agent's format`)
      .addHelpText('after', `${FAIL_MODE_HELP}
Install it with: proxilion install ${agent}`)
      .action(async () => {
        const { runAgentHook } = await import('./hook.js');
        process.exitCode = await runAgentHook(agent);
      });
  }

  hook
    .command('check')
    .description('check one command line typed into a shell: exit 0 to run it, 2 to stop it (the reason on stderr; any other code is the checker failing)')
    .addArgument(new Argument('<shell>', 'the shell the line was typed in').choices(SHELLS))
    .argument('<line...>', 'the command line (after --)')
    .option('--session <id>', 'the shell session (the snippet sets one per shell)')
    .option('--request-id <id>', 'the id the line was first sent to the daemon under: a daemon that already answered it does not record it twice')
    .addHelpText('after', FAIL_MODE_HELP)
    .action(async (shell: string, line: string[], opts: { session?: string; requestId?: string }) => {
      const { runShellCheck } = await import('./hook.js');
      process.exitCode = await runShellCheck(shell, line.join(' '), opts);
    });

  hook
    .command('init')
    .description('print the pre-exec snippet for a shell, for eval "$(proxilion hook init zsh)"')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText('after', `
Examples:
  eval "$(proxilion hook init bash)"      # in ~/.bashrc
  eval "$(proxilion hook init zsh)"       # in ~/.zshrc
  proxilion hook init fish | source       # in ~/.config/fish/config.fish`)
    .action(async (shell: string) => {
      const { runShellInit } = await import('./shell-hook.js');
      process.exitCode = runShellInit(shell);
    });

  for (const verb of ['install', 'uninstall'] as const) {
    hook
      .command(verb)
      .description(verb === 'install'
        ? 'add the pre-exec hook to the shell\'s rc file, as a marked block (idempotent; a backup is made first)'
        : 'remove the marked pre-exec block from the shell\'s rc file')
      .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
      .option('--rc-file <file>', 'the rc file (default ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish)')
      .option('--dry-run', 'print the change as a diff and write nothing')
      .action(async (shell: string, opts) => {
        const { runShellRcEdit } = await import('./shell-hook.js');
        process.exitCode = runShellRcEdit(verb, shell, opts);
      });
  }
}
