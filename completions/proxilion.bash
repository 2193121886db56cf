# bash completion for proxilion
# Generated from the proxilion command definitions by `proxilion completion bash`; do not edit.
# Install: proxilion completion bash > ~/.local/share/bash-completion/completions/proxilion

# Sets, for a command path ('' or 'hook install'): opts, reqopts (options that take a value),
# optopts (options whose value is optional), subs, args (one entry per operand: its choices,
# @files, or nothing) and variadic (the last operand repeats).
_proxilion_spec() {
  opts= reqopts= optopts= subs= variadic= args=()
  case $1 in
    '') opts='-V --version -h --help'; subs='analyze rules config serve scan sessions events hook install uninstall mcp-proxy doctor diagnose completion help' ;;
    'analyze') opts='--json --explain --batch --request --tool --operation --path --content --method --url --header --body --query --tool-name --params --mode --alert-threshold --block-threshold --terminate-threshold --policy --allow-rule -h --help'; reqopts='--request --tool --operation --path --content --method --url --header --body --query --tool-name --params --mode --alert-threshold --block-threshold --terminate-threshold --policy --allow-rule'; args=(''); variadic=1 ;;
    'rules') opts='--json -h --help'; args=('') ;;
    'config') opts='--mode --alert-threshold --block-threshold --terminate-threshold --listen --port --socket --session-store --session-db --log-level --policy --max-body --json --check -h --help'; reqopts='--mode --alert-threshold --block-threshold --terminate-threshold --listen --port --socket --session-store --session-db --log-level --policy --max-body' ;;
    'serve') opts='--mode --alert-threshold --block-threshold --terminate-threshold --listen --port --socket --session-store --session-db --log-level --policy --max-body -h --help'; reqopts='--mode --alert-threshold --block-threshold --terminate-threshold --listen --port --socket --session-store --session-db --log-level --policy --max-body' ;;
    'scan') opts='--format --format-in -o --output --fail-on --baseline --no-progress --reader-thread --mode --alert-threshold --block-threshold --terminate-threshold --policy -h --help'; reqopts='--format --format-in -o --output --fail-on --baseline --reader-thread --mode --alert-threshold --block-threshold --terminate-threshold --policy'; args=('@files'); variadic=1 ;;
    'sessions') opts='--session-store --session-db --json --limit --reset -h --help'; reqopts='--session-store --session-db --limit'; args=('') ;;
    'events') opts='--session-store --session-db --session --decision --since --limit --json -h --help'; reqopts='--session-store --session-db --session --decision --since --limit' ;;
    'hook') opts='-h --help'; subs='claude-code cursor gemini codex check init install uninstall help' ;;
    'hook claude-code') opts='-h --help' ;;
    'hook cursor') opts='-h --help' ;;
    'hook gemini') opts='-h --help' ;;
    'hook codex') opts='-h --help' ;;
    'hook check') opts='--session --request-id -h --help'; reqopts='--session --request-id'; args=('bash zsh fish' ''); variadic=1 ;;
    'hook init') opts='-h --help'; args=('bash zsh fish') ;;
    'hook install') opts='--rc-file --dry-run -h --help'; reqopts='--rc-file'; args=('bash zsh fish') ;;
    'hook uninstall') opts='--rc-file --dry-run -h --help'; reqopts='--rc-file'; args=('bash zsh fish') ;;
    'hook help') opts=''; args=('claude-code cursor gemini codex check init install uninstall') ;;
    'install') opts='-h --help'; subs='claude-code cursor gemini codex mcp' ;;
    'install claude-code') opts='--project --user --dry-run -h --help' ;;
    'install cursor') opts='--project --user --dry-run -h --help' ;;
    'install gemini') opts='--project --user --dry-run -h --help' ;;
    'install codex') opts='--project --user --dry-run -h --help' ;;
    'install mcp') opts='--project --user --dry-run -h --help'; args=('claude-code cursor claude-desktop vscode gemini' '') ;;
    'uninstall') opts='-h --help'; subs='claude-code cursor gemini codex mcp' ;;
    'uninstall claude-code') opts='--project --user --dry-run -h --help' ;;
    'uninstall cursor') opts='--project --user --dry-run -h --help' ;;
    'uninstall gemini') opts='--project --user --dry-run -h --help' ;;
    'uninstall codex') opts='--project --user --dry-run -h --help' ;;
    'uninstall mcp') opts='--project --user --dry-run -h --help'; args=('claude-code cursor claude-desktop vscode gemini' '') ;;
    'mcp-proxy') opts='--name --session --mode --hide-denied-tools -h --help'; reqopts='--name --session --mode'; args=(''); variadic=1 ;;
    'doctor') opts='--gateway --json --only -h --help'; reqopts='--gateway --only' ;;
    'diagnose') opts='--out --gateway --log -h --help'; reqopts='--out --gateway --log' ;;
    'completion') opts='-h --help'; args=('bash zsh fish') ;;
    'help') opts=''; args=('analyze rules config serve scan sessions events hook install uninstall mcp-proxy doctor diagnose completion') ;;
  esac
}

# REPLY: the command path that word $2 leads to under path $1; fails when it names no subcommand.
_proxilion_subcommand() {
  case "$1|$2" in
    '|analyze') REPLY='analyze' ;;
    '|rules') REPLY='rules' ;;
    '|config') REPLY='config' ;;
    '|serve') REPLY='serve' ;;
    '|scan') REPLY='scan' ;;
    '|sessions') REPLY='sessions' ;;
    '|events') REPLY='events' ;;
    '|hook') REPLY='hook' ;;
    '|install') REPLY='install' ;;
    '|uninstall') REPLY='uninstall' ;;
    '|mcp-proxy') REPLY='mcp-proxy' ;;
    '|doctor') REPLY='doctor' ;;
    '|diagnose') REPLY='diagnose' ;;
    '|completion') REPLY='completion' ;;
    '|help') REPLY='help' ;;
    'hook|claude-code') REPLY='hook claude-code' ;;
    'hook|cursor') REPLY='hook cursor' ;;
    'hook|gemini') REPLY='hook gemini' ;;
    'hook|codex') REPLY='hook codex' ;;
    'hook|check') REPLY='hook check' ;;
    'hook|init') REPLY='hook init' ;;
    'hook|install') REPLY='hook install' ;;
    'hook|uninstall') REPLY='hook uninstall' ;;
    'hook|help') REPLY='hook help' ;;
    'install|claude-code') REPLY='install claude-code' ;;
    'install|cursor') REPLY='install cursor' ;;
    'install|gemini') REPLY='install gemini' ;;
    'install|codex') REPLY='install codex' ;;
    'install|mcp') REPLY='install mcp' ;;
    'uninstall|claude-code') REPLY='uninstall claude-code' ;;
    'uninstall|cursor') REPLY='uninstall cursor' ;;
    'uninstall|gemini') REPLY='uninstall gemini' ;;
    'uninstall|codex') REPLY='uninstall codex' ;;
    'uninstall|mcp') REPLY='uninstall mcp' ;;
    *) return 1 ;;
  esac
}

# REPLY: what the value of option $2 under path $1 completes to: choices, @files, or nothing.
_proxilion_value() {
  REPLY=
  case "$1|$2" in
    'analyze|--request') REPLY='@files' ;;
    'analyze|--tool') REPLY='bash filesystem network database unknown' ;;
    'analyze|--path') REPLY='@files' ;;
    'analyze|--policy') REPLY='@files' ;;
    'config|--socket') REPLY='@files' ;;
    'config|--session-db') REPLY='@files' ;;
    'config|--policy') REPLY='@files' ;;
    'serve|--socket') REPLY='@files' ;;
    'serve|--session-db') REPLY='@files' ;;
    'serve|--policy') REPLY='@files' ;;
    'scan|--format') REPLY='text json ndjson sarif junit' ;;
    'scan|--format-in') REPLY='claude-code codex gemini mcp ndjson bash-history zsh-history fish-history plain' ;;
    'scan|-o'|'scan|--output') REPLY='@files' ;;
    'scan|--fail-on') REPLY='alert block terminate' ;;
    'scan|--baseline') REPLY='@files' ;;
    'scan|--reader-thread') REPLY='auto on off' ;;
    'scan|--policy') REPLY='@files' ;;
    'sessions|--session-db') REPLY='@files' ;;
    'events|--session-db') REPLY='@files' ;;
    'hook install|--rc-file') REPLY='@files' ;;
    'hook uninstall|--rc-file') REPLY='@files' ;;
    'mcp-proxy|--mode') REPLY='monitor alert block terminate' ;;
    'diagnose|--out') REPLY='@files' ;;
    'diagnose|--log') REPLY='@files' ;;
  esac
}

_proxilion_reply() {
  if [[ $1 == @files ]]; then
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  elif [[ -n $1 ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur")
  fi
}

_proxilion() {
  local cur=${COMP_WORDS[COMP_CWORD]} path= word optword= skip= dashdash= pos=0 i REPLY
  local opts reqopts optopts subs variadic
  local -a args
  COMPREPLY=()
  _proxilion_spec ''
  for (( i = 1; i < COMP_CWORD; i++ )); do
    word=${COMP_WORDS[i]}
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
    elif (( pos == 0 )) && [[ -z $dashdash ]] && _proxilion_subcommand "$path" "$word"; then
      path=$REPLY
      _proxilion_spec "$path"
    else
      pos=$(( pos + 1 ))
    fi
  done

  if [[ $skip == required || ( $skip == optional && $cur != -* ) ]]; then
    [[ $cur == = ]] && cur=
    _proxilion_value "$path" "$optword"
    _proxilion_reply "$REPLY"
    [[ $skip == required || -n $REPLY ]] && return 0
  fi
  if [[ -z $dashdash && $cur == -* ]]; then
    _proxilion_reply "$opts"
  elif (( pos == 0 )) && [[ -n $subs && -z $dashdash ]]; then
    _proxilion_reply "$subs"
  elif (( ${#args[@]} )); then
    (( pos >= ${#args[@]} )) && [[ -n $variadic ]] && pos=$(( ${#args[@]} - 1 ))
    _proxilion_reply "${args[pos]}"
  fi
  return 0
}

complete -F _proxilion proxilion
