import type { Argument, Command, Option } from 'commander';

/**
 * Shell completion scripts generated from the commander program, so they cannot drift from it.
 * The tree is read once into a plain model; each shell's renderer turns the model into a script
 * that walks the words before the cursor the way commander parses them: a required option value
 * takes the next word whatever it looks like, an optional one only when it does not start with
 * "-", and `--` ends the options.
 */

export interface ValueSpec {
  /** The placeholder, as in `<file>`: it names the value in zsh's messages. */
  name: string;
  choices?: readonly string[];
  /** Completes file names: the placeholder names a path (`<file>`, `<path>`, `<dir>`…). */
  files: boolean;
}

export interface OptionSpec {
  short?: string;
  long?: string;
  description: string;
  value?: ValueSpec & { optional: boolean; repeat: boolean };
}

export interface ArgSpec extends ValueSpec {
  description: string;
  required: boolean;
  variadic: boolean;
}

export interface CommandSpec {
  name: string;
  aliases: readonly string[];
  /** Subcommand names from the program down, without the program's own name. */
  path: readonly string[];
  description: string;
  options: readonly OptionSpec[];
  args: readonly ArgSpec[];
  commands: readonly CommandSpec[];
}

// A value placeholder that names a path: the convention the program's help already follows.
const PATH_PLACEHOLDER = /^(?:.*[-_])?(?:file|files|path|paths|dir|dirs|directory|socket)$/i;

// Every script embeds choices as bare words; anything else would need per-shell quoting rules
// that compgen -W in particular cannot express, so such a choice stops generation instead.
const SAFE_WORD = /^[\w.,:@%+/=-]+$/;
// Command names also appear unquoted in fish conditions and as zsh function names.
const COMMAND_NAME = /^\w[\w.-]*$/;

function checkedChoices(where: string, choices: readonly string[] | undefined): readonly string[] | undefined {
  for (const c of choices ?? []) {
    if (!SAFE_WORD.test(c)) throw new Error(`completion: the choice ${JSON.stringify(c)} of ${where} is not a plain word; shell completion scripts cannot offer it`);
  }
  return choices?.length ? choices : undefined;
}

function placeholder(flags: string): string {
  return /[<[]([^>\]]+)[>\]]/.exec(flags)?.[1]?.replace(/\.\.\.$/, '') ?? 'value';
}

function optionSpec(where: string, o: Option): OptionSpec {
  const spec: OptionSpec = { short: o.short, long: o.long, description: o.description };
  if (o.required || o.optional) {
    const name = placeholder(o.flags);
    spec.value = { name, choices: checkedChoices(`${where} ${o.long ?? o.short}`, o.argChoices), files: PATH_PLACEHOLDER.test(name), optional: o.optional, repeat: o.variadic };
  }
  return spec;
}

function argSpec(where: string, a: Argument): ArgSpec {
  const name = a.name();
  return { name, description: a.description, choices: checkedChoices(`${where} <${name}>`, a.argChoices), files: PATH_PLACEHOLDER.test(name), required: a.required, variadic: a.variadic };
}

/** The visible (not hidden) commands, options and arguments, in the order the help lists them. */
export function describeProgram(program: Command): CommandSpec {
  const walk = (cmd: Command, path: readonly string[]): CommandSpec => {
    for (const name of [cmd.name(), ...cmd.aliases()]) {
      if (!COMMAND_NAME.test(name)) throw new Error(`completion: the command name ${JSON.stringify(name)} is not a plain word; shell completion scripts cannot offer it`);
    }
    const help = cmd.createHelp();
    const where = [program.name(), ...path].join(' ');
    const visible = help.visibleCommands(cmd);
    const commands = visible.map((sub) => {
      const spec = walk(sub, [...path, sub.name()]);
      // commander's implicit `help [command]` is not in cmd.commands; its argument names a sibling
      if (!cmd.commands.includes(sub) && spec.args.length === 1) {
        const siblings = visible.filter((c) => c !== sub).map((c) => c.name());
        return { ...spec, args: [{ ...spec.args[0]!, choices: checkedChoices(where, siblings) }] };
      }
      return spec;
    });
    return {
      name: cmd.name(),
      aliases: cmd.aliases(),
      path,
      description: cmd.description(),
      options: help.visibleOptions(cmd).map((o) => optionSpec(where, o)),
      // a command that dispatches to subcommands completes those, not its own operands
      args: commands.length ? [] : cmd.registeredArguments.map((a) => argSpec(where, a)),
      commands,
    };
  };
  return walk(program, []);
}

function allCommands(root: CommandSpec): CommandSpec[] {
  return [root, ...root.commands.flatMap(allCommands)];
}

const flagsOf = (o: OptionSpec): string[] => [o.short, o.long].filter((f): f is string => !!f);

/** The first line of a description: completion menus have room for one. */
const summary = (text: string): string => text.split('\n')[0]!.trim();

const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

// ---------------------------------------------------------------------------------------------
// bash

export function bashScript(program: Command): string {
  const root = describeProgram(program);
  const bin = root.name;
  const fn = `_${bin.replace(/\W/g, '_')}`;
  const key = (c: CommandSpec) => shQuote(c.path.join(' '));
  const valueWords = (v: ValueSpec) => (v.choices ? v.choices.join(' ') : v.files ? '@files' : '');

  const spec: string[] = [];
  const subcommand: string[] = [];
  const value: string[] = [];
  for (const c of allCommands(root)) {
    const set = [`opts=${shQuote(c.options.flatMap(flagsOf).join(' '))}`];
    const takes = (optional: boolean) => c.options.filter((o) => o.value && o.value.optional === optional).flatMap(flagsOf).join(' ');
    if (takes(false)) set.push(`reqopts=${shQuote(takes(false))}`);
    if (takes(true)) set.push(`optopts=${shQuote(takes(true))}`);
    if (c.commands.length) set.push(`subs=${shQuote(c.commands.map((s) => s.name).join(' '))}`);
    if (c.args.length) set.push(`args=(${c.args.map((a) => shQuote(valueWords(a))).join(' ')})`);
    if (c.args.at(-1)?.variadic) set.push('variadic=1');
    spec.push(`    ${key(c)}) ${set.join('; ')} ;;`);
    for (const s of c.commands) {
      const names = [s.name, ...s.aliases].map((n) => shQuote(`${c.path.join(' ')}|${n}`)).join('|');
      subcommand.push(`    ${names}) REPLY=${key(s)} ;;`);
    }
    for (const o of c.options) {
      if (!o.value || !valueWords(o.value)) continue;
      const names = flagsOf(o).map((f) => shQuote(`${c.path.join(' ')}|${f}`)).join('|');
      value.push(`    ${names}) REPLY=${shQuote(valueWords(o.value))} ;;`);
    }
  }

  return `# bash completion for ${bin}
# Generated from the ${bin} command definitions by \`${bin} completion bash\`; do not edit.
# Install: ${bin} completion bash > ~/.local/share/bash-completion/completions/${bin}

# Sets, for a command path ('' or 'hook install'): opts, reqopts (options that take a value),
# optopts (options whose value is optional), subs, args (one entry per operand: its choices,
# @files, or nothing) and variadic (the last operand repeats).
${fn}_spec() {
  opts= reqopts= optopts= subs= variadic= args=()
  case $1 in
${spec.join('\n')}
  esac
}

# REPLY: the command path that word $2 leads to under path $1; fails when it names no subcommand.
${fn}_subcommand() {
  case "$1|$2" in
${subcommand.join('\n')}
    *) return 1 ;;
  esac
}

# REPLY: what the value of option $2 under path $1 completes to: choices, @files, or nothing.
${fn}_value() {
  REPLY=
  case "$1|$2" in
${value.join('\n')}
  esac
}

${fn}_reply() {
  if [[ $1 == @files ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  elif [[ -n $1 ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
  fi
}

${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} path= word optword= skip= dashdash= pos=0 i REPLY
  local opts reqopts optopts subs variadic
  local -a args
  COMPREPLY=()
  ${fn}_spec ''
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=\${COMP_WORDS[i]}
    # COMP_WORDBREAKS splits --opt=value into three words: the "=" keeps the value pending
    if [[ $skip == required ]]; then
      [[ $word == = ]] || skip=
      continue
    elif [[ $skip == optional ]]; then
      skip=
      [[ $word == = ]] && { skip=required; continue; }
      [[ $word == -* ]] || continue
    fi
    if [[ -z $dashdash && $word == -- ]]; then
      dashdash=1
    elif [[ -z $dashdash && $word == -?* ]]; then
      optword=$word
      if [[ " $reqopts " == *" $word "* ]]; then skip=required
      elif [[ " $optopts " == *" $word "* ]]; then skip=optional
      fi
    elif (( pos == 0 )) && [[ -z $dashdash ]] && ${fn}_subcommand "$path" "$word"; then
      path=$REPLY
      ${fn}_spec "$path"
    else
      pos=$(( pos + 1 ))
    fi
  done

  if [[ $skip == required || ( $skip == optional && $cur != -* ) ]]; then
    [[ $cur == = ]] && cur=
    ${fn}_value "$path" "$optword"
    ${fn}_reply "$REPLY"
    [[ $skip == required || -n $REPLY ]] && return 0
  fi
  if [[ -z $dashdash && $cur == -* ]]; then
    ${fn}_reply "$opts"
  elif (( pos == 0 )) && [[ -n $subs && -z $dashdash ]]; then
    ${fn}_reply "$subs"
  elif (( \${#args[@]} )); then
    (( pos >= \${#args[@]} )) && [[ -n $variadic ]] && pos=$(( \${#args[@]} - 1 ))
    ${fn}_reply "\${args[pos]}"
  fi
  return 0
}

complete -F ${fn} ${bin}
`;
}

// ---------------------------------------------------------------------------------------------
// zsh

/** Text inside an _arguments spec: brackets end the description, colons separate the fields. */
const zshSpecText = (s: string) => summary(s).replace(/\\/g, '\\\\').replace(/([[\]:])/g, '\\$1');

function zshAction(v: ValueSpec): string {
  if (v.choices) return `(${v.choices.join(' ')})`;
  return v.files ? '_files' : ' ';
}

function zshOptionSpecs(o: OptionSpec): string[] {
  const flags = flagsOf(o);
  const exclusive = o.value?.repeat ? '*' : flags.length > 1 ? `(${flags.join(' ')})` : '';
  const desc = `[${zshSpecText(o.description)}]`;
  return flags.map((flag) => {
    if (!o.value) return `${exclusive}${flag}${desc}`;
    // a short flag takes its value attached or as the next word, a long one as the next word or after "="
    const form = flag.startsWith('--') ? '=' : '+';
    const colons = o.value.optional ? '::' : ':';
    return `${exclusive}${flag}${form}${desc}${colons}${zshSpecText(o.value.name)}:${zshAction(o.value)}`;
  });
}

function zshArgSpecs(args: readonly ArgSpec[]): string[] {
  return args.map((a, i) => {
    const position = a.variadic ? '*' : String(i + 1);
    const colons = a.required || a.variadic ? ':' : '::';
    return `${position}${colons}${zshSpecText(a.name)}:${zshAction(a)}`;
  });
}

export function zshScript(program: Command): string {
  const root = describeProgram(program);
  const bin = root.name;
  const fnName = (c: CommandSpec) => ['', bin, ...c.path].join('_').replace(/[^\w]/g, '_');
  const lines = (items: string[], indent: string) => items.map((s) => `${indent}${s}`).join(' \\\n');

  const functions = allCommands(root).map((c) => {
    const specs = [...c.options.flatMap(zshOptionSpecs), ...zshArgSpecs(c.args)].map(shQuote);
    if (!c.commands.length) {
      return `${fnName(c)}() {
  _arguments -s -S${specs.length ? ` \\\n${lines(specs, '    ')}` : ''}
}`;
    }
    const described = c.commands.map((s) => shQuote(`${s.name.replace(/:/g, '\\:')}:${summary(s.description)}`));
    const dispatch = c.commands.map((s) => `        (${[s.name, ...s.aliases].join('|')}) ${fnName(s)} ;;`);
    return `${fnName(c)}() {
  local curcontext=$curcontext state state_descr line ret=1
  typeset -A opt_args
  _arguments -s -S -C \\
${lines([...specs, `'1: :->command'`, `'*:: :->argument'`], '    ')} && ret=0
  case $state in
    (command)
      local -a commands
      commands=(
${described.map((d) => `        ${d}`).join('\n')}
      )
      _describe -t commands ${shQuote([bin, ...c.path, 'command'].join(' '))} commands && ret=0
      ;;
    (argument)
      curcontext=\${curcontext%:*:*}:${[bin, ...c.path].join('-')}-$words[1]:
      case $words[1] in
${dispatch.join('\n')}
      esac
      ret=$?
      ;;
  esac
  return ret
}`;
  });

  return `#compdef ${bin}
# zsh completion for ${bin}
# Generated from the ${bin} command definitions by \`${bin} completion zsh\`; do not edit.
# Install: ${bin} completion zsh > "\${fpath[1]}/_${bin}"  (then start a new shell)

${functions.join('\n\n')}

# Autoloaded from fpath, this file is the body of _${bin}: complete now. Sourced, register it.
if [[ $funcstack[1] == _${bin} ]]; then
  _${bin} "$@"
else
  compdef _${bin} ${bin}
fi
`;
}

// ---------------------------------------------------------------------------------------------
// fish

const fishQuote = (s: string): string => `'${s.replace(/[\\']/g, '\\$&')}'`;

export function fishScript(program: Command): string {
  const root = describeProgram(program);
  const bin = root.name;
  const pre = `__${bin.replace(/\W/g, '_')}`;
  const commands = allCommands(root);
  const key = (c: CommandSpec, rest = '') => fishQuote(`${c.path.join(' ')}|${rest}`);

  const subcommandCases = commands.flatMap((c) => c.commands.map((s) => `        case ${[s.name, ...s.aliases].map((n) => key(c, n)).join(' ')}\n            echo ${fishQuote(s.path.join(' '))}`));
  const valueCases = (optional: boolean) =>
    commands.flatMap((c) => {
      const flags = c.options.filter((o) => o.value && o.value.optional === optional).flatMap(flagsOf);
      return flags.length ? [`        case ${flags.map((f) => key(c, f)).join(' ')}\n            echo ${optional ? 'optional' : 'required'}`] : [];
    });

  const out: string[] = [];
  for (const c of commands) {
    const at = fishQuote([`${pre}_at`, ...c.path].join(' '));
    for (const o of c.options) {
      const parts = ['complete -c', bin, '-n', at];
      // fish reads a one-letter short flag with -s; anything longer would be an old-style -o flag
      if (o.short) parts.push(o.short.length === 2 ? '-s' : '-o', o.short.slice(1));
      if (o.long) parts.push('-l', o.long.slice(2));
      if (o.value && !o.value.optional) {
        parts.push('-r');
        if (o.value.choices) parts.push('-f', '-a', fishQuote(o.value.choices.join(' ')));
        else if (o.value.files) parts.push('-F');
        else parts.push('-f');
      }
      parts.push('-d', fishQuote(summary(o.description)));
      out.push(parts.join(' '));
    }
    for (const s of c.commands) {
      out.push(['complete -c', bin, '-n', fishQuote([`${pre}_operand 0`, ...c.path].join(' ')), '-f -a', fishQuote(s.name), '-d', fishQuote(summary(s.description))].join(' '));
    }
    c.args.forEach((a, i) => {
      const position = a.variadic ? `${i}+` : String(i);
      const when = fishQuote([`${pre}_operand ${position}`, ...c.path].join(' '));
      if (a.choices) out.push(['complete -c', bin, '-n', when, '-f -a', fishQuote(a.choices.join(' ')), '-d', fishQuote(summary(a.description) || a.name)].join(' '));
      else if (a.files) out.push(['complete -c', bin, '-n', when, '-F'].join(' '));
    });
  }

  return `# fish completion for ${bin}
# Generated from the ${bin} command definitions by \`${bin} completion fish\`; do not edit.
# Install: ${bin} completion fish > ~/.config/fish/completions/${bin}.fish
#
# __fish_seen_subcommand_from cannot tell \`${bin} install\` from \`${bin} hook install\`, nor an
# option's value from a subcommand, so the words are walked as commander parses them instead.

# The command path that word $2 leads to under path $1; fails when it names no subcommand.
function ${pre}_subcommand --argument-names path word
    switch "$path|$word"
${subcommandCases.join('\n')}
        case '*'
            return 1
    end
end

# Whether option $2 under path $1 takes a value: required, optional, or not at all (fails).
function ${pre}_takes_value --argument-names path word
    switch "$path|$word"
${[...valueCases(false), ...valueCases(true)].join('\n')}
        case '*'
            return 1
    end
end

# "pending-value:operand-count:command-path" for the words before the cursor.
function ${pre}_state
    set -l words (commandline -opc)
    set -e words[1]
    set -l path ''
    set -l pos 0
    set -l skip ''
    set -l dashdash ''
    set -l next
    for word in $words
        if test "$skip" = required
            set skip ''
            continue
        else if test "$skip" = optional
            set skip ''
            string match -q -- '-*' $word; or continue
        end
        if test -z "$dashdash"; and test "x$word" = x--
            set dashdash 1
        else if test -z "$dashdash"; and string match -q -- '-?*' $word
            set skip (${pre}_takes_value "$path" $word)
        else if test $pos -eq 0 -a -z "$dashdash"; and set next (${pre}_subcommand "$path" $word)
            set path $next
        else
            set pos (math $pos + 1)
        end
    end
    echo "$skip:$pos:$path"
end

# True when the words before the cursor are under the command path given as arguments.
function ${pre}_at
    set -l state (string split -m 2 : -- (${pre}_state))
    test "$state[3]" = "$argv"
end

# True when the cursor is on operand $1 (N, or N+ for N and after) of the command path after it.
function ${pre}_operand --argument-names position
    set -e argv[1]
    set -l state (string split -m 2 : -- (${pre}_state))
    test -z "$state[1]" -a "$state[3]" = "$argv"; or return 1
    if string match -q -- '*+' $position
        test $state[2] -ge (string trim -r -c + -- $position)
    else
        test $state[2] -eq $position
    end
end

complete -c ${bin} -f
${out.join('\n')}
`;
}

export const COMPLETION_SCRIPTS = { bash: bashScript, zsh: zshScript, fish: fishScript } as const;
