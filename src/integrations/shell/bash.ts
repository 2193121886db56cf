import { shellSource } from './template.js';

/**
 * The bash pre-exec hook (INTEGRATIONS.md §f): a DEBUG trap under extdebug skips every command of a
 * line the checker refused. The line is judged once, in PS0, from the text readline returned on
 * Enter (bound through a bind -x macro), so lines history does not keep are judged whole too.
 * `command` is the shell-quoted proxilion command line.
 */
export function bashHook(command: string): string {
  return shellSource`# proxilion shell hook for bash: each command line typed here is checked before any of it runs.
# Loaded by eval "$(proxilion hook init bash)"; __proxilion_unhook takes it out of this shell.
if [[ $- == *i* ]]; then
if (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] < 404 )); then
  builtin printf 'proxilion: the shell hook needs bash 4.4 or newer (this is %s); commands typed here are not checked\n' "$BASH_VERSION" >&2
else

# The fast path: the daemon's /check/shell over its Unix socket with curl costs a few milliseconds,
# where the checker pays a whole Node start. Anything unexpected falls back to the checker.
__proxilion_check() {
  # one id for both tries: a daemon that answers the checker a line it already recorded records it once
  # (the PID tells apart the subshells PS0 judges in, whose RANDOM may start alike)
  local answer rid=$BASHPID$RANDOM$RANDOM
  if [[ -S \${PROXILION_SOCKET-} && -z \${PROXILION_API_KEY-} ]] && builtin type -P curl >/dev/null &&
    answer=$(command curl -sf --max-time 1 --unix-socket "$PROXILION_SOCKET" --data-urlencode shell=bash \
      --data-urlencode "session_id=$__proxilion_session" --data-urlencode "user_id=\${USER-}" --data-urlencode "line=$1" \
      --data-urlencode "request_id=$rid" http://localhost/check/shell 2>/dev/null); then
    case $answer in
      allow) return 0 ;;
      warn$'\t'*) builtin printf '%s\n' "\${answer#*$'\t'}" >&2; return 0 ;;
      deny$'\t'*) builtin printf '%s\n' "\${answer#*$'\t'}" >&2; return 2 ;;
    esac
  fi
  ${command} hook check bash --session "$__proxilion_session" --request-id "$rid" -- "$1"
}

# PS0 is expanded once per command line, after the whole line is read and before any of it runs.
# Its subscript is evaluated in this shell, so the digit the command substitution prints becomes
# __proxilion_verdict here: 0 run the line, 1 stop it, 2 text not known (check each command).
__proxilion_judge() {
  local line=$__proxilion_typed probe
  if (( __proxilion_new )) || [[ -n $line ]]; then
    # PS0 comes once per command bash parses: the later commands of a pasted buffer, judged
    # whole at its first, keep that verdict
    if (( __proxilion_judged )); then
      builtin echo "$__proxilion_verdict"
      return
    fi
    # bash runs the line after history expansion, so that is what is checked (!!, !$, ^a^b)
    if [[ $- == *H* && ( $line == *'!'* || $line == '^'* ) ]]; then
      probe=$(builtin history -p -- "$line" 2>/dev/null) && line=$probe
    fi
  else
    probe=$(HISTTIMEFORMAT= builtin history 1)
    if [[ $probe != "$__proxilion_hmark" && $probe =~ ^\ *[0-9]+\*?\ \ (.*)$ ]]; then
      line=\${BASH_REMATCH[1]}
    else
      # not seen on Enter and not kept by history (ignorespace, ignoredups, HISTIGNORE,
      # set +o history, an accept key that was not wrapped)
      builtin echo 2
      return
    fi
  fi
  if [[ -z \${line//[[:space:]]/} ]]; then
    builtin echo 0
    return
  fi
  __proxilion_check "$line" >&2
  case $? in
    # 2: refused (never an exit of node itself, whose crashes and missing modules exit 1);
    # 130: Ctrl-C during the check, so the line is not wanted either
    2 | 130) builtin echo 1 ;;
    *) builtin echo 0 ;;        # allowed, or the checker itself failed: typing must never break
  esac
}

# The DEBUG trap runs before every simple command, and with extdebug a non-zero return skips that
# command: every top-level command of a stopped line is skipped, in its subshells too (they
# inherit the trap and the verdict), until __proxilion_precmd runs at the next prompt.
__proxilion_debug() {
  [[ -n \${__proxilion_busy-} ]] && return 0
  local __proxilion_status=$1 __proxilion_last=$2
  # Completion, bind -x widgets, sourced files and function bodies are not typed lines: a
  # function or a sourced file only runs when the top-level command that reached it was allowed.
  if [[ -z \${COMP_LINE-}\${READLINE_POINT-} ]] && (( \${#FUNCNAME[@]} == 1 )); then
    # our own steps; the nonce keeps a typed line from passing for the reset
    [[ $BASH_COMMAND == "__proxilion_precmd $__proxilion_nonce" || $BASH_COMMAND == __proxilion_judge ]] && return 0
    __proxilion_busy=1
    if (( __proxilion_new )); then
      # PS0 did not judge the line: promptvars is off, or PS0 was replaced since the last prompt
      __proxilion_verdict=$(__proxilion_judge)
      __proxilion_new=0
    fi
    if (( __proxilion_verdict == 2 )); then
      __proxilion_check "$BASH_COMMAND" >&2
      case $? in 2 | 130) __proxilion_verdict=1 ;; esac
    fi
    __proxilion_busy=
    if (( __proxilion_verdict == 1 )); then
      (( BASH_SUBSHELL )) || __proxilion_unblock_first
      return 1
    fi
  fi
  # our own functions stay out of sight of the chained trap, as they would be without us
  [[ -n \${__proxilion_prev_debug-} && \${FUNCNAME[1]-} != __proxilion_* && $BASH_COMMAND != __proxilion_capture ]] || return 0
  __proxilion_busy=1
  __proxilion_ret "$__proxilion_status" "$__proxilion_last"
  eval "$__proxilion_prev_debug"
  __proxilion_status=$?
  __proxilion_busy=
  return "$__proxilion_status"
}

# Hands the chained trap the $? and $_ it would have seen without ours in front.
__proxilion_ret() { return "$1"; }

# Enter, Ctrl-J and Ctrl-O run this (bind -x) before accepting the line: it records the text
# exactly as readline returns it, whether or not history keeps it. Continuation lines add to it.
__proxilion_capture() {
  (( __proxilion_reading )) || return 0
  __proxilion_typed+=\${__proxilion_typed:+$'\n'}$READLINE_LINE
  __proxilion_new=1
}

# Last in PROMPT_COMMAND, so the entries before it see the line's own $? and PIPESTATUS; it hands
# $? on to PS1. It also puts back whatever was taken away since the last prompt.
__proxilion_precmd() {
  local status=$? probe
  __proxilion_verdict=0 __proxilion_new=0 __proxilion_typed= __proxilion_reading=1 __proxilion_judged=0
  if [[ -n \${__proxilion_pc_saved-} ]]; then
    builtin unset -v PROMPT_COMMAND
    eval "\${__proxilion_pc_saved/#declare /declare -g }"
    __proxilion_pc_saved=
  fi
  __proxilion_pc_add
  [[ \${PS0-} == *"$__proxilion_ps0"* ]] || PS0+=$__proxilion_ps0
  probe=$(builtin trap -p DEBUG; builtin printf '\037'; HISTTIMEFORMAT= builtin history 1)
  __proxilion_hmark=\${probe#*$'\037'}
  [[ \${probe%%$'\037'*} == *__proxilion_debug* ]] || __proxilion_trap
  return "$status"
}

__proxilion_pc_add() {
  local entry="__proxilion_precmd $__proxilion_nonce"
  [[ \${PROMPT_COMMAND[*]-} == *"$entry"* ]] && return 0
  if [[ -n \${PROMPT_COMMAND[1]+set} ]] && (( BASH_VERSINFO[0] * 100 + BASH_VERSINFO[1] >= 501 )); then
    PROMPT_COMMAND+=("$entry")
  else
    PROMPT_COMMAND=\${PROMPT_COMMAND:+$PROMPT_COMMAND$'\n'}$entry
  fi
}

# After a stopped line the entries before ours would be skipped as part of it (direnv, a prompt's
# precmd): ours runs first this once, and puts PROMPT_COMMAND back as it was.
__proxilion_unblock_first() {
  [[ -z \${__proxilion_pc_saved-} ]] || return 0
  __proxilion_pc_saved=$(declare -p PROMPT_COMMAND 2>/dev/null) || return 0
  PROMPT_COMMAND[0]="__proxilion_precmd $__proxilion_nonce"$'\n'\${PROMPT_COMMAND[0]-}
}

# Puts our trap in front of whatever DEBUG trap is there (VS Code's shell integration,
# bash-preexec, the user's own), which then runs after ours for every allowed command.
__proxilion_trap() {
  local current
  current=$(builtin trap -p DEBUG)
  __proxilion_prev_debug=
  [[ -n $current ]] && eval "__proxilion_trap_arg \${current#trap }"
  builtin trap '__proxilion_debug "$?" "$_"' DEBUG
}
__proxilion_trap_arg() { __proxilion_prev_debug=$2; }

# Each key that runs the stock accept-line or operate-and-get-next becomes a macro: capture the
# line, then run that widget. Keys bound to anything else are the user's and stay as they are.
__proxilion_bind() {
  [[ -o emacs || -o vi ]] || return 0
  local map fn key i=0 queried
  local -a found
  queried=$(for map in emacs vi-insert vi-command; do
    for fn in accept-line operate-and-get-next; do builtin bind -m "$map" -q "$fn" 2>/dev/null; builtin echo; done
  done)
  mapfile -t found <<<"$queried"
  for map in emacs vi-insert vi-command; do
    builtin bind -m "$map" -x '"\C-x\C-_\C-a": __proxilion_capture'
    builtin bind -m "$map" '"\C-x\C-_\C-b": accept-line'
    builtin bind -m "$map" '"\C-x\C-_\C-c": operate-and-get-next'
    for fn in accept-line operate-and-get-next; do
      for key in '\C-m' '\C-j' '\C-o'; do
        [[ \${found[i]-} == *"\"$key\""* ]] || continue
        if [[ $fn == accept-line ]]; then
          builtin bind -m "$map" "\"$key\": \"\\C-x\\C-_\\C-a\\C-x\\C-_\\C-b\""
        else
          builtin bind -m "$map" "\"$key\": \"\\C-x\\C-_\\C-a\\C-x\\C-_\\C-c\""
        fi
        __proxilion_wrapped+=("$map $key $fn")
      done
      i=$((i + 1))
    done
  done
}

# Puts this shell back as it was before the hook was loaded; the rc file still loads it in new
# shells until proxilion hook uninstall bash.
__proxilion_unhook() {
  local w map key fn i v entry="__proxilion_precmd $__proxilion_nonce"
  builtin trap - DEBUG
  [[ -n \${__proxilion_prev_debug-} ]] && builtin trap -- "$__proxilion_prev_debug" DEBUG
  [[ -n \${__proxilion_extdebug_was-} ]] || builtin shopt -u extdebug
  PS0=\${PS0//"$__proxilion_ps0"/}
  if [[ -n \${PROMPT_COMMAND[1]+set} ]]; then
    for i in "\${!PROMPT_COMMAND[@]}"; do
      v=\${PROMPT_COMMAND[i]//$'\n'"$entry"/}
      PROMPT_COMMAND[i]=\${v//"$entry"/}
    done
  elif [[ -n \${PROMPT_COMMAND-} ]]; then
    v=\${PROMPT_COMMAND//$'\n'"$entry"/}
    PROMPT_COMMAND=\${v//"$entry"/}
  fi
  for w in "\${__proxilion_wrapped[@]}"; do
    read -r map key fn <<<"$w"
    builtin bind -m "$map" "\"$key\": $fn"
  done
  if [[ -o emacs || -o vi ]]; then
    for map in emacs vi-insert vi-command; do
      for key in a b c; do builtin bind -m "$map" -r "\\C-x\\C-_\\C-$key"; done
    done
  fi
  builtin unset -v "\${!__proxilion_@}"
  builtin unset -f $(compgen -A function __proxilion_)
}

if [[ -z \${__proxilion_session-} ]]; then
  builtin printf -v __proxilion_session '%(%s)T' -1
  __proxilion_session=\${PROXILION_SESSION_ID:-shell-\${HOSTNAME:-host}-$$-$__proxilion_session}
  __proxilion_nonce=$RANDOM$RANDOM$RANDOM
  __proxilion_wrapped=()
  builtin shopt -q extdebug && __proxilion_extdebug_was=1
  __proxilion_ps0='\${__proxilion_mark[__proxilion_verdict=0$(__proxilion_judge), __proxilion_new=0, __proxilion_reading=0, __proxilion_judged=1]-}'
  __proxilion_verdict=0 __proxilion_new=0 __proxilion_typed= __proxilion_reading=1 __proxilion_judged=0 __proxilion_hmark=
  builtin shopt -s extdebug
  __proxilion_bind
  __proxilion_trap
  __proxilion_pc_add
  PS0=\${PS0-}$__proxilion_ps0
fi

fi
fi
`;
}
