import { shellSource } from './template.js';

/**
 * The fish pre-exec hook (INTEGRATIONS.md §f): Enter and Ctrl-J are bound to a function that checks
 * the command line and only then does what the key did before (usually execute). `command` is the
 * shell-quoted proxilion command line.
 */
export function fishHook(command: string): string {
  return shellSource`# proxilion shell hook for fish: each command line typed here is checked before any of it runs.
# Loaded by proxilion hook init fish | source; __proxilion_unhook takes it out of this shell.
if status is-interactive

# The fast path: the daemon's /check/shell over its Unix socket with curl costs a few milliseconds,
# where the checker pays a whole Node start. Anything unexpected falls back to the checker.
function __proxilion_check
    # one id for both tries: a daemon that answers the checker a line it already recorded records it once
    set -l rid (random)(random)(random)
    if test -S "$PROXILION_SOCKET"; and test -z "$PROXILION_API_KEY"; and command -q curl
        set -l answer (command curl -sf --max-time 1 --unix-socket $PROXILION_SOCKET --data-urlencode shell=fish \
            --data-urlencode "session_id=$__proxilion_session" --data-urlencode "user_id=$USER" --data-urlencode "line=$argv[1]" \
            --data-urlencode "request_id=$rid" http://localhost/check/shell 2>/dev/null)
        if test $status -eq 0; and test (count $answer) -eq 1
            set -l verdict (string split -m 1 \t -- $answer)
            switch $verdict[1]
                case allow
                    return 0
                case warn
                    printf '%s\n' $verdict[2] >&2
                    return 0
                case deny
                    printf '%s\n' $verdict[2] >&2
                    return 2
            end
        end
    end
    ${command} hook check fish --session $__proxilion_session --request-id $rid -- $argv[1]
end

# Enter runs this in place of its own binding (fish_preexec is only told about a line, it cannot
# refuse one). Incomplete lines (an open block or quote) and broken ones are not run by execute
# either, it adds a newline or shows the error, so they are checked once they can run; nor is what
# is typed at the read builtin's prompt, or picked in the completion pager.
function __proxilion_execute -a mode slot
    if test (status current-command) != read; and not commandline --paging-mode; and commandline --is-valid
        set -l line (__proxilion_expanded (commandline | string collect) | string collect)
        if string length -q -- (string trim -- $line)
            # the checker's words are held until it ends and printed under the line, so the
            # prompt is redrawn once, and only when there is something to say
            # the status comes from set (a command substitution's status), not from an echo inside
            # it: fish may hand a builtin's stderr over after the echo's stdout
            set -l said (__proxilion_check $line 2>&1 >/dev/null)
            set -l code $status
            if set -q said[1]
                echo >&2
                printf '%s\n' $said >&2
            end
            # 2: refused (node's own crashes exit 1); 130: Ctrl-C during the check, so the line is not wanted either
            if contains -- $code 2 130
                commandline -r ''
                commandline -f repaint
                return
            end
            set -q said[1]; and commandline -f repaint
        end
    end
    set -l previous __proxilion_prev_{$mode}_{$slot}
    set -l names (bind --function-names)
    for step in $$previous
        if contains -- $step $names
            commandline -f $step
        else
            eval $step
        end
    end
end

# The line as execute will run it: execute first expands an abbreviation at the cursor, after this
# check, and in fish 3.6 a binding cannot reliably run expand-abbr before a function, so the
# expansion is taken from abbr --show (regex abbreviations are not followed).
function __proxilion_expanded -a line
    set -l token (commandline -t)
    if test -z "$token"; or not abbr -q -- $token
        printf '%s' $line
        return
    end
    set -l command_position (test (count (commandline -opc)) -eq 0; and echo 1)
    set -l expansion
    for definition in (abbr --show)
        # abbr --show prints each one as a quoted abbr command: read its words back
        eval (string replace -r '^abbr ' '__proxilion_words ' -- $definition)
        set -l words $__proxilion_words
        set -l at (contains -i -- -- $words)
        or continue
        set -l name $words[(math $at + 1)]
        test "$name" = "$token"; or continue
        if test -z "$command_position"; and not contains -- anywhere $words[1..$at]
            break
        end
        set expansion $words[(math $at + 2)..-1]
        if set -l fn (contains -i -- --function $words[1..$at])
            set -l fn_name $words[(math $fn + 1)]
            set expansion ($fn_name $token)
        end
        break
    end
    set -e __proxilion_words
    if not set -q expansion[1]
        printf '%s' $line
        return
    end
    set expansion (string join ' ' -- $expansion)
    set -l keep (math (string length -- $line) - (string length -- $token))
    if test (commandline -C) -eq (string length -- $line); and test "$(string sub -s (math $keep + 1) -- $line)" = "$token"
        printf '%s%s' "$(string sub -l $keep -- $line)" $expansion
    else
        printf '%s\n%s' $line $expansion
    end
end

function __proxilion_words
    set -g __proxilion_words $argv
end

# Binds Enter and Ctrl-J in the default and insert (vi) modes, keeping what each did before. It
# runs again at every prompt and whenever the key bindings are switched: fish_user_key_bindings
# and a later bind can each replace ours.
function __proxilion_bind --on-event fish_prompt --on-variable fish_key_bindings
    for mode in default insert
        for slot in (seq (count $__proxilion_keys))
            set -l key $__proxilion_keys[$slot]
            # a user binding is listed after the preset it shadows
            set -l current (bind -M $mode $key 2>/dev/null)[-1]
            string match -q -- "*__proxilion_execute*" $current; and continue
            set -l words
            set -q current[1]; and echo $current | read --tokenize --list words
            set -g __proxilion_user_{$mode}_{$slot} 1
            set -q words[1]; and set -e words[1]
            while set -q words[1]
                switch $words[1]
                    case --preset
                        set -e __proxilion_user_{$mode}_{$slot}
                        set -e words[1]
                    case -s --silent
                        set -e words[1]
                    case -M -m --mode --sets-mode
                        set -e words[1..2]
                    case '*'
                        break
                end
            end
            set -q words[1]; and set -e words[1]
            set -q words[1]; or set words execute
            set -g __proxilion_prev_{$mode}_{$slot} $words
            bind -M $mode $key "__proxilion_execute $mode $slot"
        end
    end
end

# Puts this shell back as it was before the hook was loaded; the rc file still loads it in new
# shells until proxilion hook uninstall fish.
function __proxilion_unhook
    for mode in default insert
        for slot in (seq (count $__proxilion_keys))
            set -l previous __proxilion_prev_{$mode}_{$slot}
            bind -e -M $mode $__proxilion_keys[$slot]
            set -q __proxilion_user_{$mode}_{$slot}; and bind -M $mode $__proxilion_keys[$slot] $$previous
        end
    end
    for name in (set -n | string match '__proxilion_*')
        set -e $name
    end
    functions -e (functions -a -n | string match '__proxilion_*')
end

set -q __proxilion_session; or set -g __proxilion_session (string join - shell (string replace -a ' ' _ -- $hostname) $fish_pid (date +%s))
# fish 4 names keys; \r and \n are what fish 3 reads for Enter and Ctrl-J
if string match -qr '^[0-3]\.' -- $version
    set -g __proxilion_keys \r \n
else
    set -g __proxilion_keys enter ctrl-j
end
__proxilion_bind

end
`;
}
