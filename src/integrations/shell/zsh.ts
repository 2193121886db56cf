import { shellSource } from './template.js';

/**
 * The zsh pre-exec hook (INTEGRATIONS.md §f): a zle-line-finish widget, which every accepting key
 * passes through, empties the buffer of a line the checker refused. `command` is the shell-quoted
 * proxilion command line.
 */
export function zshHook(command: string): string {
  return shellSource`# proxilion shell hook for zsh: each command line typed here is checked before any of it runs.
# Loaded by eval "$(proxilion hook init zsh)"; __proxilion_unhook takes it out of this shell.
if [[ -o interactive ]] && zmodload zsh/zle 2>/dev/null; then

# The fast path: the daemon's /check/shell over its Unix socket with curl costs a few milliseconds,
# where the checker pays a whole Node start. Anything unexpected falls back to the checker.
__proxilion_check() {
  emulate -L zsh
  # one id for both tries: a daemon that answers the checker a line it already recorded records it once
  local answer rid=$RANDOM$RANDOM$RANDOM
  if [[ -S \${PROXILION_SOCKET-} && -z \${PROXILION_API_KEY-} ]] && (( $+commands[curl] )) &&
    answer=$(command curl -sf --max-time 1 --unix-socket "$PROXILION_SOCKET" --data-urlencode shell=zsh \
      --data-urlencode "session_id=$__proxilion_session" --data-urlencode "user_id=\${USER-}" --data-urlencode "line=$1" \
      --data-urlencode "request_id=$rid" http://localhost/check/shell 2>/dev/null); then
    case $answer in
      (allow) return 0 ;;
      (warn$'\t'*) print -ru2 -- "\${answer#*$'\t'}"; return 0 ;;
      (deny$'\t'*) print -ru2 -- "\${answer#*$'\t'}"; return 2 ;;
    esac
  fi
  ${command} hook check zsh --session "$__proxilion_session" --request-id "$rid" -- "$1"
}

# zle-line-finish runs for every accepting widget (Enter, Ctrl-J, Ctrl-O, accept-and-hold, ...)
# once the line is final and before zsh parses it: an emptied BUFFER runs nothing and is not
# added to history. PREBUFFER holds the earlier lines of a command continued over several.
__proxilion_line_finish() {
  emulate -L zsh
  # vared and select read values, not commands
  [[ $CONTEXT == (start|cont) ]] || return 0
  local line=$PREBUFFER$BUFFER
  [[ -n \${line//[[:space:]]/} ]] || return 0
  # the checker writes under the line, not over it
  zle -I
  __proxilion_check "$line"
  case $? in
    2 | 130) # 2: refused (node's own crashes exit 1); 130: Ctrl-C during the check, so the line is not wanted either
      BUFFER=
      # the earlier lines are already with the parser: a break throws the whole command away
      [[ -n $PREBUFFER ]] && zle send-break
      ;;
  esac
  return 0
}

# Keeps our widget first among the line-finish hooks, since one that returns non-zero stops the
# ones after it (a vi-mode cursor hook ending in a false test does), and puts it back if a plugin
# has set its own zle-line-finish since.
__proxilion_first() {
  emulate -L zsh
  local -a hooks renumbered
  local hook
  [[ \${widgets[zle-line-finish]-} == user:azhw:zle-line-finish ]] || add-zle-hook-widget line-finish __proxilion_line_finish
  zstyle -g hooks zle-line-finish widgets
  [[ \${hooks[1]-} == 0:__proxilion_line_finish && \${#\${(M)hooks:#*:__proxilion_line_finish}} == 1 ]] && return 0
  renumbered=(0:__proxilion_line_finish)
  for hook in \${(on)hooks:#*:__proxilion_line_finish}; do
    renumbered+=($(( \${hook%%:*} + 1 )):\${hook#*:})
  done
  zstyle zle-line-finish widgets $renumbered
}

# Puts this shell back as it was before the hook was loaded; the rc file still loads it in new
# shells until proxilion hook uninstall zsh.
__proxilion_unhook() {
  emulate -L zsh
  add-zsh-hook -d precmd __proxilion_first
  add-zle-hook-widget -d line-finish __proxilion_line_finish
  zle -D __proxilion_line_finish 2>/dev/null
  unset -m '__proxilion_*'
  unfunction -m '__proxilion_*'
}

if [[ -z \${__proxilion_session-} ]]; then
  typeset -g __proxilion_session=\${PROXILION_SESSION_ID:-shell-\${HOST:-host}-$$-\${(%):-%D{%s}}}
fi
autoload -Uz add-zle-hook-widget add-zsh-hook
zle -N __proxilion_line_finish
add-zle-hook-widget line-finish __proxilion_line_finish
__proxilion_first
add-zsh-hook precmd __proxilion_first

fi
`;
}
