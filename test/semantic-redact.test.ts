import { describe, expect, it } from 'vitest';
import { SECRET_PATTERNS } from '../src/engine/knowledge/secrets.js';
import { redactSecrets } from '../src/semantic/redact.js';

const cycle = (alphabet: string, n: number): string => alphabet.repeat(Math.ceil(n / alphabet.length)).slice(0, n);
const alnum = (n: number): string => cycle('aB3dE5gH7jK9mN1pQ2sT4vW6xY8zA0cF', n);
const hex = (n: number): string => cycle('0123456789abcdef', n);
const letters = (n: number): string => cycle('abcdefghijKLMNOPQRST', n);

const PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDm\n-----END OPENSSH PRIVATE KEY-----';
const PPK = 'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: eddsa-key\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAIK\nPrivate-Lines: 1\nAAAAIGk\nPrivate-MAC: 3f1c';

/** One sample of every format in SECRET_PATTERNS; a test below fails when a format has none. */
const FORMAT_SAMPLES: ReadonlyArray<[kind: string, sample: string]> = [
  ['AWS access key', 'AKIAIOSFODNN7EXAMPLE'],
  ['AWS secret key', 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
  ['private key', PEM],
  ['GitHub token', 'ghp_' + alnum(36)],
  ['GitLab token', 'glpat-' + alnum(20)],
  ['Slack token', 'xoxb-1234567890-' + alnum(24)],
  ['Stripe secret key', 'sk_live_' + alnum(24)],
  ['Google API key', 'AIza' + alnum(35)],
  ['OpenAI API key', 'sk-proj-' + alnum(48)],
  ['Anthropic API key', 'sk-ant-api03-' + alnum(93)],
  ['npm token', 'npm_' + alnum(36)],
  ['PyPI token', 'pypi-AgEIcHlwaS5vcmc' + alnum(60)],
  ['Twilio key', 'SK' + hex(32)],
  ['SendGrid key', 'SG.' + alnum(22) + '.' + alnum(43)],
  ['Discord webhook', 'discord.com/api/webhooks/123456789012345678/' + alnum(68)],
  ['Slack webhook', 'hooks.slack.com/services/T0123ABCD/B0123ABCD/' + alnum(24)],
  ['Telegram bot token', '123456789:AA' + alnum(33)],
  ['Azure storage key', 'AccountKey=' + alnum(86) + '=='],
  ['Google OAuth client secret', 'GOCSPX-' + alnum(28)],
  ['DigitalOcean token', 'dop_v1_' + hex(64)],
  ['Hugging Face token', 'hf_' + letters(34)],
  ['Shopify token', 'shpat_' + hex(32)],
  ['Postman API key', 'PMAK-' + hex(24) + '-' + hex(34)],
  ['HashiCorp Vault token', 'hvs.' + alnum(95)],
  ['Databricks token', 'dapi' + hex(32)],
  ['Linear API key', 'lin_api_' + alnum(40)],
  ['Doppler token', 'dp.pt.' + alnum(43)],
  ['Dropbox token', 'sl.u.' + alnum(60)],
  ['Notion token', 'ntn_' + alnum(46)],
  ['Mailgun key', 'key-' + hex(32)],
  ['Age secret key', 'AGE-SECRET-KEY-1' + cycle('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)],
  ['PuTTY private key', PPK],
  ['Kubernetes credentials', 'client-key-data: ' + alnum(64)],
];

/** [input, expected output]; each redacts at least one secret. */
const REDACTED: ReadonlyArray<[string, string]> = [
  ...FORMAT_SAMPLES.map(([kind, sample]): [string, string] => [`echo ${sample}\ndone`, `echo [REDACTED:${kind}]\ndone`]),
  ['TOKEN=ghp_' + alnum(36), 'TOKEN=[REDACTED:GitHub token]'],
  ['curl -H "Authorization: Bearer ghp_' + alnum(36) + '" https://api.github.com', 'curl -H "Authorization: Bearer [REDACTED:GitHub token]" https://api.github.com'],

  // assignments
  ['DB_PASSWORD=hunter2 npm start', 'DB_PASSWORD=[REDACTED:assignment] npm start'],
  ['export API_KEY="abc def"; echo ok', 'export API_KEY="[REDACTED:assignment]"; echo ok'],
  ["export API_KEY='abc def' && make", "export API_KEY='[REDACTED:assignment]' && make"],
  ['AUTH_TOKEN=x1;echo hi', 'AUTH_TOKEN=[REDACTED:assignment];echo hi'],
  ['PASSWORD=a|b', 'PASSWORD=[REDACTED:assignment]|b'],
  ["PASSWORD=$'x y' ./run", "PASSWORD=$'[REDACTED:assignment]' ./run"],
  ['db_password: hunter2', 'db_password: [REDACTED:assignment]'],
  ['password = "hunter2"', 'password = "[REDACTED:assignment]"'],
  ['password := "hunter2"', 'password := "[REDACTED:assignment]"'],
  ["'password' => 'hunter2',", "'password' => '[REDACTED:assignment]',"],
  ['{"password": "hunter2", "user": "bob"}', '{"password": "[REDACTED:assignment]", "user": "bob"}'],
  ['{"password": "a\\"b", "x": 1}', '{"password": "[REDACTED:assignment]", "x": 1}'],
  ['{"token":123,"n":1}', '{"token":[REDACTED:assignment],"n":1}'],
  ["{'client_secret': 's3cr3t'}", "{'client_secret': '[REDACTED:assignment]'}"],
  ['apiKey: "k-123"', 'apiKey: "[REDACTED:assignment]"'],
  ['X_ACCESS_KEY=abc', 'X_ACCESS_KEY=[REDACTED:assignment]'],
  ['accesskey=abc', 'accesskey=[REDACTED:assignment]'],
  ['GITHUB_PRIVATE_KEY=abc', 'GITHUB_PRIVATE_KEY=[REDACTED:assignment]'],
  ['MY_PASSWD=x ROOT_PWD=y', 'MY_PASSWD=[REDACTED:assignment] ROOT_PWD=[REDACTED:assignment]'],
  ['CREDENTIALS=abc', 'CREDENTIALS=[REDACTED:assignment]'],
  ['Cookie: session=abc123', 'Cookie: session=[REDACTED:assignment]'],
  ['sessionToken=abc', 'sessionToken=[REDACTED:assignment]'],
  ['x-api-key=abc', 'x-api-key=[REDACTED:assignment]'],
  ['spring.datasource.password=hunter2', 'spring.datasource.password=[REDACTED:assignment]'],
  ['curl "https://api.example.com/v1?access_token=abc&x=1"', 'curl "https://api.example.com/v1?access_token=[REDACTED:assignment]&x=1"'],
  ['--token=abc123', '--token=[REDACTED:assignment]'],
  ['tool --token abc123 --verbose', 'tool --token [REDACTED:assignment] --verbose'],
  ['tool --password hunter2', 'tool --password [REDACTED:assignment]'],
  ['tool --password=hunter2', 'tool --password=[REDACTED:assignment]'],
  ['tool -secret abc', 'tool -secret [REDACTED:assignment]'],
  ['app --api-key "k 1" --x', 'app --api-key "[REDACTED:assignment]" --x'],
  // an unclosed quote hides where the secret ends: up to 1,000 characters go
  ['PASSWORD="abc\nnext line', 'PASSWORD="[REDACTED:assignment]'],
  ['PASSWORD="' + 'a'.repeat(1500), 'PASSWORD="[REDACTED:assignment]' + 'a'.repeat(500)],
  ['PASSWORD="' + 'a'.repeat(999) + '" x', 'PASSWORD="[REDACTED:assignment]" x'],

  // auth headers keep their name and scheme
  ['Authorization: Bearer xyz', 'Authorization: Bearer [REDACTED:auth-header]'],
  ['Authorization: Basic dXNlcjpwYXNz', 'Authorization: Basic [REDACTED:auth-header]'],
  ["curl -H 'Authorization: token xyz' https://api.github.com", "curl -H 'Authorization: token [REDACTED:auth-header]' https://api.github.com"],
  ['curl -H "authorization: Bearer $TOKEN" -d @x https://h', 'curl -H "authorization: Bearer [REDACTED:auth-header]" -d @x https://h'],
  ['curl -H "X-Api-Key: xyz" https://h', 'curl -H "X-Api-Key: [REDACTED:assignment]" https://h'],
  ['Proxy-Authorization: Basic abc', 'Proxy-Authorization: Basic [REDACTED:auth-header]'],
  ['Authorization: xyz', 'Authorization: [REDACTED:auth-header]'],
  ['GET / HTTP/1.1\r\nAuthorization: Bearer abc.def  \r\nHost: h\r\n', 'GET / HTTP/1.1\r\nAuthorization: Bearer [REDACTED:auth-header]  \r\nHost: h\r\n'],
  ['Authorization: AWS4-HMAC-SHA256 Credential=abc/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=f00d', 'Authorization: AWS4-HMAC-SHA256 [REDACTED:auth-header]'],
  ['{"Authorization": "Bearer xyz"}', '{"Authorization": "[REDACTED:assignment]"}'],

  // URL passwords
  ['git clone https://bob:s3cr3t@github.com/x/y', 'git clone https://bob:[REDACTED:url-password]@github.com/x/y'],
  ['psql postgres://u:p@ss@db:5432/x', 'psql postgres://u:[REDACTED:url-password]@db:5432/x'],
  ['redis-cli -u redis://:pw@localhost:6379', 'redis-cli -u redis://:[REDACTED:url-password]@localhost:6379'],
  ['DATABASE_URL=postgres://app:pw@db/app', 'DATABASE_URL=postgres://app:[REDACTED:url-password]@db/app'],
  ['https://token:abc@host', 'https://token:[REDACTED:url-password]@host'],
  ['mongodb+srv://u:p@cluster0.example.net', 'mongodb+srv://u:[REDACTED:url-password]@cluster0.example.net'],

  // password flags
  ['mysql -u root -proot db', 'mysql -u root -p[REDACTED:password-flag] db'],
  ['mysqldump -psecret db > dump.sql', 'mysqldump -p[REDACTED:password-flag] db > dump.sql'],
  ["mariadb -p'pa ss' -e 'select 1'", "mariadb -p'[REDACTED:password-flag]' -e 'select 1'"],
  ['/usr/bin/mysql -h db -p"$PW"', '/usr/bin/mysql -h db -p"[REDACTED:password-flag]"'],
  ['sshpass -p hunter2 ssh user@host', 'sshpass -p [REDACTED:password-flag] ssh user@host'],
  ['sshpass -phunter2 scp f user@host:', 'sshpass -p[REDACTED:password-flag] scp f user@host:'],
  ['mysql --password=hunter2 db', 'mysql --password=[REDACTED:assignment] db'],
  ['mysql --password hunter2 db', 'mysql --password [REDACTED:assignment] db'],

  // private keys, whole
  ['before\n' + PEM + '\nafter', 'before\n[REDACTED:private key]\nafter'],
  ['x\n-----BEGIN PRIVATE KEY-----\nMIIEvQ\nAAA', 'x\n[REDACTED:private key]'],
  ['-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----\nok', '[REDACTED:private key]\nok'],
  ['-----BEGIN RSA PRIVATE KEY-----\nMII\n-----END CERTIFICATE-----\nMIIB\n-----END RSA PRIVATE KEY-----\ntail', '[REDACTED:private key]\ntail'],
  ['-----BEGIN EC PRIVATE KEY-----\nAAA\n-----END EC PRIVATE KEY\n-----BEGIN EC PRIVATE KEY-----\nBBB\n-----END EC PRIVATE KEY-----\nz', '[REDACTED:private key]\nz'],
  [
    '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIE\\n-----END PRIVATE KEY-----\\n", "client_email": "a@b.iam"}',
    '{"type": "service_account", "private_key": "[REDACTED:private key]\\n", "client_email": "a@b.iam"}',
  ],
  ['cat key.ppk\n' + PPK + '\n$ ls', 'cat key.ppk\n[REDACTED:PuTTY private key]\n$ ls'],
];

/** Ordinary text that mentions secrets without holding one. */
const UNCHANGED: readonly string[] = [
  'npm test',
  'git commit -m "rotate the token"',
  'ls ~/.ssh',
  'cat .env',
  'curl https://api.github.com/repos',
  'export PATH=/usr/bin',
  'session_id=abc',
  'SESSION_ID=abc sessionid=def --session-id x',
  '{"session_id": "abc", "cwd": "/work"}',
  'grep -r password src/',
  'ssh user@host',
  'scp f user@host:/tmp',
  'mail bob@example.com',
  'https://example.com/login?next=/x',
  'ssh://git@github.com:22/x',
  'https://host:8080/x',
  'https://user@host/x',
  // -p is a password only for mysql and sshpass; mysql's bare -p prompts
  'mysql -u root -p db',
  'tar -pxf a.tar',
  'echo -pfoo',
  'mysql -e "select 1"\ntar -pcf x.tar .',
  // where a secret is kept is what the reviewer needs to see
  'docker login --password-stdin registry.io',
  'tool --password-file ~/.secrets/pw',
  'POSTGRES_PASSWORD_FILE=/run/secrets/pg',
  'PWD=/work OLDPWD=/tmp',
  'gh auth login --with-token < token.txt',
  'tool --token -v',
  'if password == expected:',
  'export TOKEN',
  'unset PASSWORD',
  'read -s PASSWORD',
  'echo $API_TOKEN',
  'PASSWORD=',
  'PASSWORD=""',
  'std::auth::Token',
  'password:\n  nested: x',
  // a command substitution is code to judge, not a secret
  'API_TOKEN=`cat ~/.token`',
  '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK user@host',
  '-----END PRIVATE KEY-----',
];

describe('redactSecrets', () => {
  it('has a sample of every known format', () => {
    expect(FORMAT_SAMPLES.map(([kind]) => kind).sort()).toEqual(SECRET_PATTERNS.map((p) => p.kind).sort());
  });

  it.each(REDACTED)('%j', (input, expected) => {
    const r = redactSecrets(input);
    expect(r.text).toBe(expected);
    expect(r.redactions).toBeGreaterThan(0);
  });

  it.each(UNCHANGED)('leaves %j alone', (input) => {
    expect(redactSecrets(input)).toEqual({ text: input, redactions: 0 });
  });

  it.each(REDACTED)('is idempotent on %j', (input) => {
    const once = redactSecrets(input).text;
    expect(redactSecrets(once)).toEqual({ text: once, redactions: 0 });
  });

  it.each<[string, number]>([
    ['DB_PASSWORD=a TOKEN=b curl -H "Authorization: Bearer c" https://u:p@h', 4],
    ['MY_PASSWD=x ROOT_PWD=y', 2],
    [`${PEM}\n${PEM}\nAKIAIOSFODNN7EXAMPLE`, 3],
    ['sshpass -p a ssh h && mysql -pb', 2],
    ['npm test', 0],
  ])('counts the redactions in %j', (input, count) => {
    expect(redactSecrets(input).redactions).toBe(count);
  });

  it('redacts a private key block in the middle of a transcript', () => {
    const input = `$ cat ~/.ssh/id_ed25519\n${PEM}\n$ curl -d @- https://paste.example\nuploaded`;
    expect(redactSecrets(input)).toEqual({ text: '$ cat ~/.ssh/id_ed25519\n[REDACTED:private key]\n$ curl -d @- https://paste.example\nuploaded', redactions: 1 });
  });

  it('cuts text beyond 64 KiB before looking at it', () => {
    expect(redactSecrets('x'.repeat(70000) + ' PASSWORD=a')).toEqual({ text: 'x'.repeat(65536), redactions: 0 });
    expect(redactSecrets('PASSWORD=a ' + 'x'.repeat(70000)).text).toBe('PASSWORD=[REDACTED:assignment] ' + 'x'.repeat(65536 - 11));
  });

  // each is 64 KiB; a scanner that rescans from every position is quadratic on them
  it.each<[string, string, string]>([
    ['a=', 'a='.repeat(32768), 'a='.repeat(32768)],
    ['://', '://'.repeat(21845), '://'.repeat(21845)],
    ['PASSWORD', 'PASSWORD'.repeat(8192), 'PASSWORD'.repeat(8192)],
    ['PASSWORD and a space', 'PASSWORD '.repeat(7281), 'PASSWORD '.repeat(7281)],
    ['--password and a space', '--password '.repeat(5957), '--password '.repeat(5957)],
    ['"password":"', '"password":"'.repeat(5461), '"password":"'.repeat(5461)],
    ['[REDACTED:', '[REDACTED:'.repeat(6553), '[REDACTED:'.repeat(6553)],
    ['-----END PRIVATE KEY-----', '-----END PRIVATE KEY-----'.repeat(2621), '-----END PRIVATE KEY-----'.repeat(2621)],
    ['-----BEGIN PRIVATE KEY-----', '-----BEGIN PRIVATE KEY-----'.repeat(2427), '[REDACTED:private key]'],
    ['BEGIN and END lines of other kinds', '-----BEGIN PRIVATE KEY-----\n' + '-----END X-----\n'.repeat(4000), '[REDACTED:private key]'],
    ['https://a:b@', 'https://a:b@'.repeat(5461), 'https://a:[REDACTED:url-password]@'.repeat(5461)],
    ['Authorization: ', 'Authorization: '.repeat(4369), 'Authorization: Authorization: [REDACTED:auth-header] '],
    ['token: ', 'token: '.repeat(9362), 'token: [REDACTED:assignment] '.repeat(4681)],
    ['PASSWORD="', 'PASSWORD="'.repeat(6553), 'PASSWORD="[REDACTED:assignment]"'.repeat(3276) + 'PASSWORD="'],
  ])('64 KiB of %s', (_name, input, expected) => {
    const started = performance.now();
    expect(redactSecrets(input).text).toBe(expected);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
