# fish completion for proxilion
# Generated from the proxilion command definitions by `proxilion completion fish`; do not edit.
# Install: proxilion completion fish > ~/.config/fish/completions/proxilion.fish
#
# __fish_seen_subcommand_from cannot tell `proxilion install` from `proxilion hook install`, nor an
# option's value from a subcommand, so the words are walked as commander parses them instead.

# The command path that word $2 leads to under path $1; fails when it names no subcommand.
function __proxilion_subcommand --argument-names path word
    switch "$path|$word"
        case '|analyze'
            echo 'analyze'
        case '|rules'
            echo 'rules'
        case '|config'
            echo 'config'
        case '|serve'
            echo 'serve'
        case '|scan'
            echo 'scan'
        case '|sessions'
            echo 'sessions'
        case '|events'
            echo 'events'
        case '|hook'
            echo 'hook'
        case '|install'
            echo 'install'
        case '|uninstall'
            echo 'uninstall'
        case '|mcp-proxy'
            echo 'mcp-proxy'
        case '|doctor'
            echo 'doctor'
        case '|diagnose'
            echo 'diagnose'
        case '|completion'
            echo 'completion'
        case '|help'
            echo 'help'
        case 'hook|claude-code'
            echo 'hook claude-code'
        case 'hook|cursor'
            echo 'hook cursor'
        case 'hook|gemini'
            echo 'hook gemini'
        case 'hook|codex'
            echo 'hook codex'
        case 'hook|check'
            echo 'hook check'
        case 'hook|init'
            echo 'hook init'
        case 'hook|install'
            echo 'hook install'
        case 'hook|uninstall'
            echo 'hook uninstall'
        case 'hook|help'
            echo 'hook help'
        case 'install|claude-code'
            echo 'install claude-code'
        case 'install|cursor'
            echo 'install cursor'
        case 'install|gemini'
            echo 'install gemini'
        case 'install|codex'
            echo 'install codex'
        case 'install|mcp'
            echo 'install mcp'
        case 'uninstall|claude-code'
            echo 'uninstall claude-code'
        case 'uninstall|cursor'
            echo 'uninstall cursor'
        case 'uninstall|gemini'
            echo 'uninstall gemini'
        case 'uninstall|codex'
            echo 'uninstall codex'
        case 'uninstall|mcp'
            echo 'uninstall mcp'
        case '*'
            return 1
    end
end

# Whether option $2 under path $1 takes a value: required, optional, or not at all (fails).
function __proxilion_takes_value --argument-names path word
    switch "$path|$word"
        case 'analyze|--request' 'analyze|--tool' 'analyze|--operation' 'analyze|--path' 'analyze|--content' 'analyze|--method' 'analyze|--url' 'analyze|--header' 'analyze|--body' 'analyze|--query' 'analyze|--tool-name' 'analyze|--params' 'analyze|--mode' 'analyze|--alert-threshold' 'analyze|--block-threshold' 'analyze|--terminate-threshold' 'analyze|--policy' 'analyze|--allow-rule'
            echo required
        case 'config|--mode' 'config|--alert-threshold' 'config|--block-threshold' 'config|--terminate-threshold' 'config|--listen' 'config|--port' 'config|--socket' 'config|--session-store' 'config|--session-db' 'config|--log-level' 'config|--policy' 'config|--max-body'
            echo required
        case 'serve|--mode' 'serve|--alert-threshold' 'serve|--block-threshold' 'serve|--terminate-threshold' 'serve|--listen' 'serve|--port' 'serve|--socket' 'serve|--session-store' 'serve|--session-db' 'serve|--log-level' 'serve|--policy' 'serve|--max-body'
            echo required
        case 'scan|--format' 'scan|--format-in' 'scan|-o' 'scan|--output' 'scan|--fail-on' 'scan|--baseline' 'scan|--reader-thread' 'scan|--mode' 'scan|--alert-threshold' 'scan|--block-threshold' 'scan|--terminate-threshold' 'scan|--policy'
            echo required
        case 'sessions|--session-store' 'sessions|--session-db' 'sessions|--limit'
            echo required
        case 'events|--session-store' 'events|--session-db' 'events|--session' 'events|--decision' 'events|--since' 'events|--limit'
            echo required
        case 'hook check|--session' 'hook check|--request-id'
            echo required
        case 'hook install|--rc-file'
            echo required
        case 'hook uninstall|--rc-file'
            echo required
        case 'mcp-proxy|--name' 'mcp-proxy|--session' 'mcp-proxy|--mode'
            echo required
        case 'doctor|--gateway' 'doctor|--only'
            echo required
        case 'diagnose|--out' 'diagnose|--gateway' 'diagnose|--log'
            echo required
        case '*'
            return 1
    end
end

# "pending-value:operand-count:command-path" for the words before the cursor.
function __proxilion_state
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
            set skip (__proxilion_takes_value "$path" $word)
        else if test $pos -eq 0 -a -z "$dashdash"; and set next (__proxilion_subcommand "$path" $word)
            set path $next
        else
            set pos (math $pos + 1)
        end
    end
    echo "$skip:$pos:$path"
end

# True when the words before the cursor are under the command path given as arguments.
function __proxilion_at
    set -l state (string split -m 2 : -- (__proxilion_state))
    test "$state[3]" = "$argv"
end

# True when the cursor is on operand $1 (N, or N+ for N and after) of the command path after it.
function __proxilion_operand --argument-names position
    set -e argv[1]
    set -l state (string split -m 2 : -- (__proxilion_state))
    test -z "$state[1]" -a "$state[3]" = "$argv"; or return 1
    if string match -q -- '*+' $position
        test $state[2] -ge (string trim -r -c + -- $position)
    else
        test $state[2] -eq $position
    end
end

complete -c proxilion -f
complete -c proxilion -n '__proxilion_at' -s V -l version -d 'output the version number'
complete -c proxilion -n '__proxilion_at' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'analyze' -d 'analyze a command line or tool call and print the verdict'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'rules' -d 'list the detection rules, or show one rule with its examples'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'config' -d 'print every setting\'s effective value and where it came from (flag, environment, policy file, default)'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'serve' -d 'run the gateway daemon: the HTTP API on 127.0.0.1:8787 (and --socket), sessions and audit log in SQLite'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'scan' -d 'replay agent transcripts, MCP logs and shell histories: every call analyzed in its session, as the daemon would'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'sessions' -d 'list active sessions, or show one session with its latest events (reads the session store)'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'events' -d 'print the audit log (every decision), oldest first'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'hook' -d 'guard an agent (the hook it runs before each tool call) or an interactive shell (a pre-exec hook)'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'install' -d 'guard an agent (add proxilion\'s hook to its settings) or an MCP server (start it through mcp-proxy); idempotent, a backup is made first'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'uninstall' -d 'take proxilion\'s hook out of an agent\'s settings, or start an MCP server directly again; everything else is left as it was'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'mcp-proxy' -d 'guard a stdio MCP server: relay its JSON-RPC, analyze every tools/call, answer refused calls itself'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'doctor' -d 'run the troubleshooting guide\'s checks against this machine and the gateway: deployment, runtime, detection, integration'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'diagnose' -d 'write the troubleshooting guide\'s diagnostic bundle (.tar.gz): version, system, daemon log tail, metrics, health, redacted config, store statistics, the doctor report'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'completion' -d 'print the shell completion script (the same as the files in completions/)'
complete -c proxilion -n '__proxilion_operand 0' -f -a 'help' -d 'display help for command'
complete -c proxilion -n '__proxilion_at analyze' -l json -d 'print the verdict as JSON'
complete -c proxilion -n '__proxilion_at analyze' -l explain -d 'show how the command was read, why each rule fired and how to allow it'
complete -c proxilion -n '__proxilion_at analyze' -l batch -d 'read NDJSON (request bodies, tool calls or plain command lines) from stdin; write one verdict per line'
complete -c proxilion -n '__proxilion_at analyze' -l request -r -F -d 'analyze an /analyze request body from a file, or - for stdin'
complete -c proxilion -n '__proxilion_at analyze' -l tool -r -f -a 'bash filesystem network database unknown' -d 'analyze a non-shell tool call'
complete -c proxilion -n '__proxilion_at analyze' -l operation -r -f -d 'filesystem: read|write|delete|list|create'
complete -c proxilion -n '__proxilion_at analyze' -l path -r -F -d 'filesystem: the path'
complete -c proxilion -n '__proxilion_at analyze' -l content -r -f -d 'filesystem: content to write'
complete -c proxilion -n '__proxilion_at analyze' -l method -r -f -d 'network: HTTP method'
complete -c proxilion -n '__proxilion_at analyze' -l url -r -f -d 'network: the URL'
complete -c proxilion -n '__proxilion_at analyze' -l header -r -f -d 'network: request headers'
complete -c proxilion -n '__proxilion_at analyze' -l body -r -f -d 'network: request body'
complete -c proxilion -n '__proxilion_at analyze' -l query -r -f -d 'database: the SQL query'
complete -c proxilion -n '__proxilion_at analyze' -l tool-name -r -f -d 'unknown: the tool name'
complete -c proxilion -n '__proxilion_at analyze' -l params -r -f -d 'unknown: the params as JSON'
complete -c proxilion -n '__proxilion_at analyze' -l mode -r -f -d 'one of monitor, alert, block, terminate (env MODE, default monitor)'
complete -c proxilion -n '__proxilion_at analyze' -l alert-threshold -r -f -d 'a number from 0 to 100 (env ALERT_THRESHOLD, default 50)'
complete -c proxilion -n '__proxilion_at analyze' -l block-threshold -r -f -d 'a number from 0 to 100 (env BLOCK_THRESHOLD, default 70)'
complete -c proxilion -n '__proxilion_at analyze' -l terminate-threshold -r -f -d 'a number from 0 to 100 (env TERMINATE_THRESHOLD, default 90)'
complete -c proxilion -n '__proxilion_at analyze' -l policy -r -F -d 'a .yaml, .yml or .toml file (env POLICY_FILE)'
complete -c proxilion -n '__proxilion_at analyze' -l allow-rule -r -f -d 'drop findings of these rule ids (reviewed false positives)'
complete -c proxilion -n '__proxilion_at analyze' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at rules' -l json -d 'print as JSON'
complete -c proxilion -n '__proxilion_at rules' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at config' -l mode -r -f -d 'one of monitor, alert, block, terminate (env MODE, default monitor)'
complete -c proxilion -n '__proxilion_at config' -l alert-threshold -r -f -d 'a number from 0 to 100 (env ALERT_THRESHOLD, default 50)'
complete -c proxilion -n '__proxilion_at config' -l block-threshold -r -f -d 'a number from 0 to 100 (env BLOCK_THRESHOLD, default 70)'
complete -c proxilion -n '__proxilion_at config' -l terminate-threshold -r -f -d 'a number from 0 to 100 (env TERMINATE_THRESHOLD, default 90)'
complete -c proxilion -n '__proxilion_at config' -l listen -r -f -d 'host:port, [ipv6]:port or :port (e.g. 127.0.0.1:8787) (env LISTEN_ADDR, default 127.0.0.1:8787)'
complete -c proxilion -n '__proxilion_at config' -l port -r -f -d 'a whole number from 0 to 65535'
complete -c proxilion -n '__proxilion_at config' -l socket -r -F -d 'a Unix socket path (env PROXILION_SOCKET)'
complete -c proxilion -n '__proxilion_at config' -l session-store -r -f -d 'one of sqlite, inmemory, redis (env SESSION_STORE, default sqlite)'
complete -c proxilion -n '__proxilion_at config' -l session-db -r -F -d 'a file path (env SESSION_DB, default $XDG_STATE_HOME/proxilion/sessions.db)'
complete -c proxilion -n '__proxilion_at config' -l log-level -r -f -d 'one of trace, debug, info, warn, error (env LOG_LEVEL, default info)'
complete -c proxilion -n '__proxilion_at config' -l policy -r -F -d 'a .yaml, .yml or .toml file (env POLICY_FILE)'
complete -c proxilion -n '__proxilion_at config' -l max-body -r -f -d 'a whole number from 1024 to 67108864 (env MAX_BODY_BYTES, default 1048576)'
complete -c proxilion -n '__proxilion_at config' -l json -d 'print as JSON'
complete -c proxilion -n '__proxilion_at config' -l check -d 'only validate: exit 0, or 64 listing every problem'
complete -c proxilion -n '__proxilion_at config' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at serve' -l mode -r -f -d 'one of monitor, alert, block, terminate (env MODE, default monitor)'
complete -c proxilion -n '__proxilion_at serve' -l alert-threshold -r -f -d 'a number from 0 to 100 (env ALERT_THRESHOLD, default 50)'
complete -c proxilion -n '__proxilion_at serve' -l block-threshold -r -f -d 'a number from 0 to 100 (env BLOCK_THRESHOLD, default 70)'
complete -c proxilion -n '__proxilion_at serve' -l terminate-threshold -r -f -d 'a number from 0 to 100 (env TERMINATE_THRESHOLD, default 90)'
complete -c proxilion -n '__proxilion_at serve' -l listen -r -f -d 'host:port, [ipv6]:port or :port (e.g. 127.0.0.1:8787) (env LISTEN_ADDR, default 127.0.0.1:8787)'
complete -c proxilion -n '__proxilion_at serve' -l port -r -f -d 'a whole number from 0 to 65535'
complete -c proxilion -n '__proxilion_at serve' -l socket -r -F -d 'a Unix socket path (env PROXILION_SOCKET)'
complete -c proxilion -n '__proxilion_at serve' -l session-store -r -f -d 'one of sqlite, inmemory, redis (env SESSION_STORE, default sqlite)'
complete -c proxilion -n '__proxilion_at serve' -l session-db -r -F -d 'a file path (env SESSION_DB, default $XDG_STATE_HOME/proxilion/sessions.db)'
complete -c proxilion -n '__proxilion_at serve' -l log-level -r -f -d 'one of trace, debug, info, warn, error (env LOG_LEVEL, default info)'
complete -c proxilion -n '__proxilion_at serve' -l policy -r -F -d 'a .yaml, .yml or .toml file (env POLICY_FILE)'
complete -c proxilion -n '__proxilion_at serve' -l max-body -r -f -d 'a whole number from 1024 to 67108864 (env MAX_BODY_BYTES, default 1048576)'
complete -c proxilion -n '__proxilion_at serve' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at scan' -l format -r -f -a 'text json ndjson sarif junit' -d 'output format'
complete -c proxilion -n '__proxilion_at scan' -l format-in -r -f -a 'claude-code codex gemini mcp ndjson bash-history zsh-history fish-history plain' -d 'read every input as this format instead of detecting it'
complete -c proxilion -n '__proxilion_at scan' -s o -l output -r -F -d 'write the report to a file instead of stdout'
complete -c proxilion -n '__proxilion_at scan' -l fail-on -r -f -a 'alert block terminate' -d 'exit 1 when a call reaches this decision'
complete -c proxilion -n '__proxilion_at scan' -l baseline -r -F -d 'a previous --format json (or sarif) report: report only findings not in it'
complete -c proxilion -n '__proxilion_at scan' -l no-progress -d 'do not draw the progress bar (it is drawn on stderr only when stderr is a terminal)'
complete -c proxilion -n '__proxilion_at scan' -l reader-thread -r -f -a 'auto on off' -d 'read and parse the inputs on a second thread, beside the analysis (auto: from 32 MiB of files, with 2+ cores; never for stdin)'
complete -c proxilion -n '__proxilion_at scan' -l mode -r -f -d 'one of monitor, alert, block, terminate (env MODE, default monitor)'
complete -c proxilion -n '__proxilion_at scan' -l alert-threshold -r -f -d 'a number from 0 to 100 (env ALERT_THRESHOLD, default 50)'
complete -c proxilion -n '__proxilion_at scan' -l block-threshold -r -f -d 'a number from 0 to 100 (env BLOCK_THRESHOLD, default 70)'
complete -c proxilion -n '__proxilion_at scan' -l terminate-threshold -r -f -d 'a number from 0 to 100 (env TERMINATE_THRESHOLD, default 90)'
complete -c proxilion -n '__proxilion_at scan' -l policy -r -F -d 'a .yaml, .yml or .toml file (env POLICY_FILE)'
complete -c proxilion -n '__proxilion_at scan' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0+ scan' -F
complete -c proxilion -n '__proxilion_at sessions' -l session-store -r -f -d 'one of sqlite, inmemory, redis (env SESSION_STORE, default sqlite)'
complete -c proxilion -n '__proxilion_at sessions' -l session-db -r -F -d 'a file path (env SESSION_DB, default $XDG_STATE_HOME/proxilion/sessions.db)'
complete -c proxilion -n '__proxilion_at sessions' -l json -d 'print as JSON'
complete -c proxilion -n '__proxilion_at sessions' -l limit -r -f -d 'how many sessions, or events of one session'
complete -c proxilion -n '__proxilion_at sessions' -l reset -d 'reset the session: forget it and its termination (its audit events stay)'
complete -c proxilion -n '__proxilion_at sessions' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at events' -l session-store -r -f -d 'one of sqlite, inmemory, redis (env SESSION_STORE, default sqlite)'
complete -c proxilion -n '__proxilion_at events' -l session-db -r -F -d 'a file path (env SESSION_DB, default $XDG_STATE_HOME/proxilion/sessions.db)'
complete -c proxilion -n '__proxilion_at events' -l session -r -f -d 'only this session'
complete -c proxilion -n '__proxilion_at events' -l decision -r -f -d 'only this decision: allow, alert, block or terminate'
complete -c proxilion -n '__proxilion_at events' -l since -r -f -d 'only events since an ISO time, epoch seconds/ms, or a duration ago (30m, 2h, 7d)'
complete -c proxilion -n '__proxilion_at events' -l limit -r -f -d 'at most this many events'
complete -c proxilion -n '__proxilion_at events' -l json -d 'print NDJSON, one event per line'
complete -c proxilion -n '__proxilion_at events' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at hook' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'claude-code' -d 'the Claude Code PreToolUse hook: reads the hook JSON on stdin, answers in the agent\'s format'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'cursor' -d 'the Cursor beforeShellExecution / beforeMCPExecution hook: reads the hook JSON on stdin, answers in the agent\'s format'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'gemini' -d 'the Gemini CLI BeforeTool hook: reads the hook JSON on stdin, answers in the agent\'s format'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'codex' -d 'the Codex CLI PreToolUse hook: reads the hook JSON on stdin, answers in the agent\'s format'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'check' -d 'check one command line typed into a shell: exit 0 to run it, 2 to stop it (the reason on stderr; any other code is the checker failing)'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'init' -d 'print the pre-exec snippet for a shell, for eval "$(proxilion hook init zsh)"'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'install' -d 'add the pre-exec hook to the shell\'s rc file, as a marked block (idempotent; a backup is made first)'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'uninstall' -d 'remove the marked pre-exec block from the shell\'s rc file'
complete -c proxilion -n '__proxilion_operand 0 hook' -f -a 'help' -d 'display help for command'
complete -c proxilion -n '__proxilion_at hook claude-code' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at hook cursor' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at hook gemini' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at hook codex' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at hook check' -l session -r -f -d 'the shell session (the snippet sets one per shell)'
complete -c proxilion -n '__proxilion_at hook check' -l request-id -r -f -d 'the id the line was first sent to the daemon under: a daemon that already answered it does not record it twice'
complete -c proxilion -n '__proxilion_at hook check' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 hook check' -f -a 'bash zsh fish' -d 'the shell the line was typed in'
complete -c proxilion -n '__proxilion_at hook init' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 hook init' -f -a 'bash zsh fish' -d 'the shell'
complete -c proxilion -n '__proxilion_at hook install' -l rc-file -r -F -d 'the rc file (default ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish)'
complete -c proxilion -n '__proxilion_at hook install' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at hook install' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 hook install' -f -a 'bash zsh fish' -d 'the shell'
complete -c proxilion -n '__proxilion_at hook uninstall' -l rc-file -r -F -d 'the rc file (default ~/.bashrc, ~/.zshrc or ~/.config/fish/config.fish)'
complete -c proxilion -n '__proxilion_at hook uninstall' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at hook uninstall' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 hook uninstall' -f -a 'bash zsh fish' -d 'the shell'
complete -c proxilion -n '__proxilion_operand 0 hook help' -f -a 'claude-code cursor gemini codex check init install uninstall' -d 'command'
complete -c proxilion -n '__proxilion_at install' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 install' -f -a 'claude-code' -d 'add the hook to Claude Code\'s settings file (PreToolUse, every tool)'
complete -c proxilion -n '__proxilion_operand 0 install' -f -a 'cursor' -d 'add the hook to Cursor\'s settings file (beforeShellExecution and beforeMCPExecution)'
complete -c proxilion -n '__proxilion_operand 0 install' -f -a 'gemini' -d 'add the hook to Gemini CLI\'s settings file (BeforeTool, every tool)'
complete -c proxilion -n '__proxilion_operand 0 install' -f -a 'codex' -d 'add the hook to Codex CLI\'s settings file (PreToolUse, every tool)'
complete -c proxilion -n '__proxilion_operand 0 install' -f -a 'mcp' -d 'rewrite an MCP server\'s entry in the client\'s config so the client starts it through proxilion mcp-proxy'
complete -c proxilion -n '__proxilion_at install claude-code' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at install claude-code' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at install claude-code' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at install claude-code' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at install cursor' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at install cursor' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at install cursor' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at install cursor' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at install gemini' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at install gemini' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at install gemini' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at install gemini' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at install codex' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at install codex' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at install codex' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at install codex' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at install mcp' -l project -d 'the project\'s MCP config, under the current directory (the default; Claude Desktop has none)'
complete -c proxilion -n '__proxilion_at install mcp' -l user -d 'the user\'s MCP config (Claude Desktop\'s only one)'
complete -c proxilion -n '__proxilion_at install mcp' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at install mcp' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 install mcp' -f -a 'claude-code cursor claude-desktop vscode gemini' -d 'the MCP client whose config holds the server'
complete -c proxilion -n '__proxilion_at uninstall' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 uninstall' -f -a 'claude-code' -d 'remove the hook from Claude Code\'s settings file'
complete -c proxilion -n '__proxilion_operand 0 uninstall' -f -a 'cursor' -d 'remove the hook from Cursor\'s settings file'
complete -c proxilion -n '__proxilion_operand 0 uninstall' -f -a 'gemini' -d 'remove the hook from Gemini CLI\'s settings file'
complete -c proxilion -n '__proxilion_operand 0 uninstall' -f -a 'codex' -d 'remove the hook from Codex CLI\'s settings file'
complete -c proxilion -n '__proxilion_operand 0 uninstall' -f -a 'mcp' -d 'restore an MCP server entry that install mcp rewrote, byte for byte'
complete -c proxilion -n '__proxilion_at uninstall claude-code' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at uninstall claude-code' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at uninstall claude-code' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at uninstall claude-code' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at uninstall cursor' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at uninstall cursor' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at uninstall cursor' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at uninstall cursor' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at uninstall gemini' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at uninstall gemini' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at uninstall gemini' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at uninstall gemini' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at uninstall codex' -l project -d 'the project\'s settings file, under the current directory (the default)'
complete -c proxilion -n '__proxilion_at uninstall codex' -l user -d 'the user\'s settings file, under the home directory'
complete -c proxilion -n '__proxilion_at uninstall codex' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at uninstall codex' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at uninstall mcp' -l project -d 'the project\'s MCP config, under the current directory (the default; Claude Desktop has none)'
complete -c proxilion -n '__proxilion_at uninstall mcp' -l user -d 'the user\'s MCP config (Claude Desktop\'s only one)'
complete -c proxilion -n '__proxilion_at uninstall mcp' -l dry-run -d 'print the change as a diff and write nothing'
complete -c proxilion -n '__proxilion_at uninstall mcp' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 uninstall mcp' -f -a 'claude-code cursor claude-desktop vscode gemini' -d 'the MCP client whose config holds the server'
complete -c proxilion -n '__proxilion_at mcp-proxy' -l name -r -f -d 'the server\'s name in the audit log and policy (agent mcp:<name>; default from the command)'
complete -c proxilion -n '__proxilion_at mcp-proxy' -l session -r -f -d 'the session the calls are recorded under (default: a new one per proxy run)'
complete -c proxilion -n '__proxilion_at mcp-proxy' -l mode -r -f -a 'monitor alert block terminate' -d 'override MODE for this server'
complete -c proxilion -n '__proxilion_at mcp-proxy' -l hide-denied-tools -d 'leave out of tools/list the tools the policy denies'
complete -c proxilion -n '__proxilion_at mcp-proxy' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at doctor' -l gateway -r -f -d 'the gateway to examine (default: PROXILION_SOCKET, else LISTEN_ADDR, http://127.0.0.1:8787)'
complete -c proxilion -n '__proxilion_at doctor' -l json -d 'print the report as JSON'
complete -c proxilion -n '__proxilion_at doctor' -l only -r -f -d 'only these groups or check ids, comma-separated (deployment, runtime.latency, …)'
complete -c proxilion -n '__proxilion_at doctor' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at diagnose' -l out -r -F -d 'where to write it: a file, a directory, or - for stdout (default: ./proxilion-diagnose-<UTC time>.tar.gz)'
complete -c proxilion -n '__proxilion_at diagnose' -l gateway -r -f -d 'the gateway to examine (default: PROXILION_SOCKET, else LISTEN_ADDR, http://127.0.0.1:8787)'
complete -c proxilion -n '__proxilion_at diagnose' -l log -r -F -d 'the daemon\'s log file (its stderr, saved): the bundle keeps its last 500 lines (default: journalctl -u proxilion)'
complete -c proxilion -n '__proxilion_at diagnose' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_at completion' -s h -l help -d 'display help for command'
complete -c proxilion -n '__proxilion_operand 0 completion' -f -a 'bash zsh fish' -d 'the shell'
complete -c proxilion -n '__proxilion_operand 0 help' -f -a 'analyze rules config serve scan sessions events hook install uninstall mcp-proxy doctor diagnose completion' -d 'command'
