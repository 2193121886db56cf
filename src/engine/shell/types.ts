/** How a command came to be seen: the original line, or something the normalizer unwrapped. */
export type Origin =
  | 'line'
  | 'substitution'
  | 'shell-c'
  | 'eval'
  | 'piped-to-shell'
  | 'heredoc-to-shell'
  | 'interpreter'
  | 'remote'
  | 'exec-arg'
  | 'fallback'
  /** Text written to a place that runs it later: an rc file, a crontab, a hook, a unit. */
  | 'persisted';

export interface Redirect {
  /** `>`, `>>`, `<`, `<<`, `<<<`, `&>`, `>&`, `<>`, … as written. */
  op: string;
  fd?: number;
  /** Target after quote removal (a path, an fd number, or heredoc/herestring text). */
  target: string;
  /** True when the target could not be resolved statically. */
  dynamic: boolean;
}

export interface SimpleCommand {
  /** Command name after wrapper stripping and path removal: `/usr/bin/sudo nc` → `nc`. */
  name: string;
  /** Argument vector after quote removal and expansion of what is statically known. argv[0] is the word as invoked. */
  argv: string[];
  /** Which argv entries contain an expansion that could not be resolved. */
  dynamic: boolean[];
  assignments: Array<{ name: string; value: string }>;
  redirects: Redirect[];
  /** Static text fed to stdin by a heredoc, here-string or a resolvable pipe producer. */
  stdin?: string;
  /** The command that writes into this one's stdin through a pipe, if any. */
  pipeFrom?: SimpleCommand;
  /** The command this one pipes into, if any. */
  pipeTo?: SimpleCommand;
  /** Wrappers removed in front of the command (`sudo`, `env`, `timeout`, `nohup`…). */
  wrappers: string[];
  /** Ran with elevated privileges (sudo/doas/su/pkexec wrapper). */
  elevated: boolean;
  background: boolean;
  origin: Origin;
  /** The working directory the line moved to with `cd` before this command, when known statically. */
  cwd?: string;
  /** Nesting depth: 0 for the line itself, +1 per unwrapped script layer. */
  depth: number;
  /** Source text of this command in the script it came from. */
  text: string;
}

/** Source code handed to an interpreter (`python -c`, `perl -e`, `node -e`…). */
export interface InlineScript {
  lang: 'python' | 'perl' | 'ruby' | 'node' | 'php' | 'awk' | 'lua' | 'tcl' | 'r' | 'swift' | 'julia' | 'jvm' | 'go';
  code: string;
  /** String literals found in the code, unescaped. */
  strings: string[];
  command: SimpleCommand;
}

export interface NormalizationStep {
  kind:
    | 'quote-removal'
    | 'ansi-c'
    | 'variable'
    | 'ifs'
    | 'brace-expansion'
    | 'unwrap'
    | 'nested-shell'
    | 'eval'
    | 'decode-base64'
    | 'decode-hex'
    | 'decode-rev'
    | 'decode-tr'
    | 'decode-sed'
    | 'printf'
    | 'command-substitution'
    | 'interpreter'
    | 'remote-command'
    | 'exec-arg'
    | 'glob'
    | 'home'
    /** A client asked for its usage, which does nothing its other words say (`aws s3 rm … help`). */
    | 'help'
    /** An Unknown tool call read as the call its arguments describe (tool-shape.ts). */
    | 'tool-arguments';
  detail: string;
}

export interface CommandView {
  original: string;
  commands: SimpleCommand[];
  scripts: InlineScript[];
  steps: NormalizationStep[];
  /** Shell variables the line sets as statements of their own (`HISTSIZE=0`, `export X=1`). */
  assignments: Array<{ name: string; value: string; origin: Origin }>;
  /** `while`/`until`/`for` loops in the line: repetition turns a fetch into a beacon. */
  loops: number;
  /** Functions defined and aliases set by the line. */
  functions: string[];
  aliases: Array<{ name: string; value: string }>;
  /** Syntax errors the parser reported (the rest of the line was still analyzed). */
  parseErrors: number;
  /** The line went past an analysis bound (length, commands, arguments) and was cut there. */
  truncated: boolean;
  /** Unwrapping stopped at the depth bound. */
  depthExceeded: boolean;
}
