import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { LOG_LINES, environmentSecrets, scrub, tailFile } from '../src/doctor/bundle.js';
import { storeStats } from '../src/doctor/store-stats.js';
import { tarGz } from '../src/doctor/tar.js';
import { binariesSkipReason, requireBinaries } from './helpers/binaries.js';
import { BIN } from './helpers/cli.js';
import { bash, startDaemon, type Daemon } from './helpers/daemon.js';
import { redisSkipReason, startRedis, type RedisServer } from './helpers/redis.js';

const tarSkip = binariesSkipReason(['tar'], 'the diagnostic bundle tests (they read it with the system tar)');
const root = mkdtempSync(join(tmpdir(), 'px-diagnose-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const FILES = ['version.txt', 'system.json', 'daemon.log', 'metrics.txt', 'health.json', 'config.json', 'store.json', 'doctor.json'];

/** Variables that would change the configuration under test, cleared; vitest's MODE=test among them. */
const CLEAN: Record<string, string> = {
  MODE: '', ALERT_THRESHOLD: '', BLOCK_THRESHOLD: '', TERMINATE_THRESHOLD: '', LISTEN_ADDR: '', SESSION_STORE: '', SESSION_DB: '', POLICY_FILE: '',
  PROXILION_API_KEY: '', ANTHROPIC_API_KEY: '', REDIS_URL: '', ALERT_WEBHOOK_URL: '', PROXILION_SOCKET: '', CORS_ORIGINS: '', NO_COLOR: '1', CI: '',
};

/** Runs `proxilion diagnose` in `cwd` with a HOME of its own. */
function diagnose(args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  const r = spawnSync(process.execPath, [BIN, 'diagnose', ...args], {
    cwd: opts.cwd,
    encoding: 'buffer',
    env: { ...process.env, ...CLEAN, HOME: opts.cwd, XDG_STATE_HOME: join(opts.cwd, 'state'), ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, text: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** Extracts an archive with the system tar into a new directory; returns the bundle's directory and its files. */
function extract(archive: string): { dir: string; files: Record<string, string> } {
  const into = mkdtempSync(join(root, 'x-'));
  execFileSync('tar', ['-xzf', archive, '-C', into]);
  const [top, ...more] = readdirSync(into);
  expect(more).toEqual([]);
  const dir = join(into, top!);
  return { dir, files: Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')])) };
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer().once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe.skipIf(!!tarSkip)('the ustar writer, read by the system tar', () => {
  beforeAll(() => requireBinaries(['tar'], 'the diagnostic bundle tests'));

  it('writes entries of every size around the block boundaries, binary and UTF-8 names included, that tar lists and extracts byte for byte', () => {
    const entries = [
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'one.txt', data: Buffer.from('x') },
      { name: 'block-minus-one.bin', data: randomBytes(511) },
      { name: 'block.bin', data: randomBytes(512) },
      { name: 'block-plus-one.bin', data: randomBytes(513) },
      { name: 'large.bin', data: randomBytes(300_000) },
      { name: 'naïve-ünïcode.json', data: Buffer.from('{"é":"✔"}\n') },
      // a path past the name field's 100 bytes goes into the prefix field
      { name: `${'sub-directory-'.repeat(6)}/${'n'.repeat(90)}.txt`, data: Buffer.from('deep\n') },
      { name: `${'a'.repeat(100 - 'bundle/'.length)}`, data: Buffer.from('exactly a hundred bytes of path\n'), mode: 0o644 },
    ];
    const file = join(root, 'unit.tar.gz');
    writeFileSync(file, tarGz('bundle', entries, new Date('2026-01-02T03:04:05Z')));

    const listed = execFileSync('tar', ['-tzf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(['bundle/', ...entries.map((e) => `bundle/${e.name}`)]);
    const verbose = execFileSync('tar', ['-tvzf', file], { encoding: 'utf8' });
    expect(verbose).toMatch(/^drwx------ 0\/0 +0 2026-01-02 03:04 bundle\/$/m);
    expect(verbose).toMatch(/^-rw------- 0\/0 +300000 2026-01-02 03:04 bundle\/large\.bin$/m);
    expect(verbose).toMatch(/^-rw-r--r-- 0\/0 +32 2026-01-02 03:04 bundle\/a{93}$/m);

    const into = mkdtempSync(join(root, 'unit-'));
    // GNU tar warns (exit 2 on some versions) about anything odd in a header: a clean exit is part of the check
    execFileSync('tar', ['-xzf', file, '-C', into], { stdio: ['ignore', 'ignore', 'pipe'] });
    for (const e of entries) expect(readFileSync(join(into, 'bundle', e.name)).equals(e.data), e.name).toBe(true);
  });

  it('ends the archive with two zero blocks, every header checksummed, the whole a multiple of 512 bytes', () => {
    const tar = gunzipSync(tarGz('b', [{ name: 'f', data: Buffer.from('hello') }]));
    expect(tar.length % 512).toBe(0);
    expect(tar.length).toBe(512 /* dir */ + 512 /* header */ + 512 /* data */ + 1024);
    expect(tar.subarray(tar.length - 1024).every((b) => b === 0)).toBe(true);
    for (const at of [0, 512]) {
      const h = Buffer.from(tar.subarray(at, at + 512));
      const stored = parseInt(h.subarray(148, 156).toString('ascii'), 8);
      h.fill(0x20, 148, 156);
      expect(stored).toBe(h.reduce((a, b) => a + b, 0));
      expect(h.subarray(257, 265).toString('latin1')).toBe('ustar\x0000');
    }
  });

  it('refuses a path that no ustar header can hold, instead of cutting it', () => {
    expect(() => tarGz('b', [{ name: 'x'.repeat(120), data: Buffer.alloc(0) }])).toThrow(/too long for a ustar header/);
  });
});

describe.skipIf(!!tarSkip)('proxilion diagnose against a running gateway (SQLite store)', () => {
  const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
  const SECRETS = {
    PROXILION_API_KEY: secret('pxkey'),
    ANTHROPIC_API_KEY: secret('sk-ant'),
    redisPassword: secret('redispw'),
    webhookPath: `/services/T0001/B0002/${secret('hook')}`,
    GITHUB_TOKEN: secret('ghp'),
  };
  const env = {
    PROXILION_API_KEY: SECRETS.PROXILION_API_KEY,
    ANTHROPIC_API_KEY: SECRETS.ANTHROPIC_API_KEY,
    REDIS_URL: `redis://:${SECRETS.redisPassword}@127.0.0.1:6399/0`,
    ALERT_WEBHOOK_URL: `https://hooks.example.com${SECRETS.webhookPath}`,
    GITHUB_TOKEN: SECRETS.GITHUB_TOKEN,
  };
  let daemon: Daemon;
  let cwd = '';
  let log = '';
  let result: ReturnType<typeof diagnose>;
  let bundle: ReturnType<typeof extract>;
  let archive = '';

  beforeAll(async () => {
    cwd = mkdtempSync(join(root, 'run-'));
    daemon = await startDaemon({ env });
    const auth = { authorization: `Bearer ${SECRETS.PROXILION_API_KEY}` };
    expect((await daemon.post(bash('ls -la'), { headers: auth })).status).toBe(200);
    expect((await daemon.post(bash('cat ~/.ssh/id_rsa'), { headers: auth })).status).toBe(200);
    // the daemon's stderr as an operator would have saved it: more lines than the bundle keeps, and one that leaked a key
    log = join(cwd, 'proxilion.log');
    const filler = Array.from({ length: 600 }, (_, i) => JSON.stringify({ level: 30, msg: 'filler', n: i }));
    const leaked = JSON.stringify({ level: 50, msg: 'a leaked key', key: SECRETS.PROXILION_API_KEY, hook: env.ALERT_WEBHOOK_URL, gh: SECRETS.GITHUB_TOKEN });
    writeFileSync(log, [...filler, ...daemon.logs.map((l) => JSON.stringify(l)), leaked, ''].join('\n'));
    result = diagnose(['--gateway', daemon.url, '--log', log], { cwd, env: { ...env, SESSION_DB: daemon.db } });
    const written = readdirSync(cwd).filter((f) => f.endsWith('.tar.gz'));
    expect(written).toHaveLength(1);
    archive = join(cwd, written[0]!);
    bundle = extract(archive);
  }, 60_000);
  afterAll(async () => {
    await daemon?.stop();
    rmSync(daemon?.dir ?? '', { recursive: true, force: true });
  });

  it('exits 0, names the file in the current directory by its UTC time, and summarizes it', () => {
    expect(result.code, result.stderr).toBe(0);
    expect(archive).toMatch(/\/proxilion-diagnose-\d{8}T\d{6}Z\.tar\.gz$/);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    const name = archive.split('/').pop()!;
    expect(result.text).toContain(`wrote ${name} (`);
    for (const f of FILES) expect(result.text).toMatch(new RegExp(`^  ${f.replace('.', '\\.')} +[\\d.]+ (B|KiB)`, 'm'));
    expect(result.text).toContain(`gateway ${daemon.url}/: answered, healthy (proxilion `);
    expect(result.text).toMatch(/^doctor: \d+ passed, \d+ warnings, \d+ failed, \d+ skipped \(doctor\.json\)$/m);
    // proxilion's own secret settings always; another variable (GITHUB_TOKEN) where its value turned up: the log
    expect(result.text).toContain('redacted: ALERT_WEBHOOK_URL path, ANTHROPIC_API_KEY, GITHUB_TOKEN, PROXILION_API_KEY, REDIS_URL password');
  });

  it('holds every file of the guide under one directory named like the archive', () => {
    const listed = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n');
    const top = archive.split('/').pop()!.replace(/\.tar\.gz$/, '');
    expect(listed).toEqual([`${top}/`, ...FILES.map((f) => `${top}/${f}`)]);
    expect(Object.keys(bundle.files).sort()).toEqual([...FILES].sort());
  });

  it('has the version, the system, the health and the metrics the gateway answered', () => {
    const f = bundle.files;
    expect(f['version.txt']).toMatch(new RegExp(`^proxilion \\S+\\nnode ${process.version}\\ngateway ${daemon.url}/: proxilion \\S+, healthy\\ngenerated \\d{4}-`));
    const system = JSON.parse(f['system.json']!);
    expect(system.os.arch).toBe(process.arch);
    expect(system.cpus.count).toBeGreaterThan(0);
    expect(system.memory.total_bytes).toBeGreaterThan(0);
    expect(system.node.version).toBe(process.version);
    expect(system.load_average).toHaveLength(3);
    if (process.platform === 'linux') expect(system.process_limits['Max open files'].soft).toMatch(/^\d+|unlimited$/);
    expect(JSON.parse(f['health.json']!)).toMatchObject({ status: 'healthy', session_store: 'sqlite', store_connected: true });
    expect(f['metrics.txt']).toMatch(/^proxilion_requests_total\{decision="\w+"\} [12]$/m);
  });

  it('has the configuration as `proxilion config --json` shows it, secrets redacted', () => {
    const config = JSON.parse(bundle.files['config.json']!);
    const shown = spawnSync(process.execPath, [BIN, 'config', '--json'], { encoding: 'utf8', env: { ...process.env, ...CLEAN, ...env, HOME: cwd, XDG_STATE_HOME: join(cwd, 'state'), SESSION_DB: daemon.db } });
    expect(config).toEqual(JSON.parse(shown.stdout));
    expect(config.settings.apiKey).toEqual({ value: '<redacted>', source: 'env PROXILION_API_KEY' });
    expect(config.settings.redisUrl.value).toBe('redis://:<redacted>@127.0.0.1:6399/0');
    expect(config.settings.alertWebhookUrl.value).toBe('https://hooks.example.com/<redacted>');
  });

  it('has the store statistics', () => {
    const store = JSON.parse(bundle.files['store.json']!);
    expect(store).toMatchObject({ kind: 'sqlite', path: daemon.db, exists: true, journal_mode: 'wal', sessions: { total: 1, active: 1, terminated: 0 } });
    expect(store.events.total).toBeGreaterThanOrEqual(2);
    expect(Date.parse(store.events.oldest)).toBeLessThanOrEqual(Date.parse(store.events.newest));
    expect(store.db_bytes).toBeGreaterThan(0);
  });

  it('has the whole doctor report, every check', () => {
    const doctor = JSON.parse(bundle.files['doctor.json']!);
    const ids = JSON.parse(spawnSync(process.execPath, [BIN, 'doctor', '--json', '--gateway', 'http://127.0.0.1:9'], { encoding: 'utf8', env: { ...process.env, ...CLEAN } }).stdout).checks.map((c: { id: string }) => c.id);
    expect(doctor.checks.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(doctor.gateway).toBe(`${daemon.url}/`);
    expect(doctor.checks.find((c: { id: string }) => c.id === 'deployment.config').status).toBe('pass');
  });

  it('keeps the last 500 lines of the log, with the leaked key replaced', () => {
    const lines = bundle.files['daemon.log']!.trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    expect(lines[lines.length - 1]).toBe(JSON.stringify({ level: 50, msg: 'a leaked key', key: '<redacted>', hook: 'https://hooks.example.com<redacted>', gh: '<redacted>' }));
    expect(lines.some((l) => l.includes('"msg":"proxilion gateway listening"'))).toBe(true);
    expect(result.text).toMatch(/^ {2}daemon\.log +[\d.]+ KiB {2}the last 500 lines of .*proxilion\.log$/m);
  });

  it('carries no secret value from the environment anywhere: not in any file, header or the compressed bytes', () => {
    const tar = gunzipSync(readFileSync(archive));
    const values = [...Object.values(SECRETS), encodeURIComponent(SECRETS.webhookPath)];
    for (const v of values) {
      expect(tar.includes(v), v).toBe(false);
      expect(readFileSync(archive).includes(v), v).toBe(false);
      for (const [name, text] of Object.entries(bundle.files)) expect(text.includes(v), `${name} holds ${v}`).toBe(false);
      expect(result.text.includes(v)).toBe(false);
    }
    // and the redaction is visible where the values were
    expect(bundle.files['daemon.log']).toContain('"key":"<redacted>"');
  });
});

describe('the secrets searched for in the bundle', () => {
  it('takes the secret settings (whole, or the secret part of a URL) and variables named like secrets, and finds them however they were written', () => {
    const secrets = environmentSecrets({
      PROXILION_API_KEY: 'key"with\\quote',
      REDIS_URL: 'redis://user:p%40ss%2Fword@redis.internal:6379/2',
      ALERT_WEBHOOK_URL: 'https://hooks.example.com/services/T1/B2/xyz?token=abc',
      NPM_TOKEN: 'npm_0123456789',
      SHORT_SECRET: 'abc',
      PATH: '/usr/local/bin:/usr/bin',
      HOME: '/home/someone-with-a-long-name',
    });
    expect(new Set(secrets.map((s) => s.name))).toEqual(new Set(['PROXILION_API_KEY', 'REDIS_URL password', 'ALERT_WEBHOOK_URL path', 'NPM_TOKEN']));
    const text = JSON.stringify({
      a: 'key"with\\quote',
      b: 'auth p@ss/word failed',
      c: 'redis://user:p%40ss%2Fword@redis.internal:6379/2',
      d: 'POST https://hooks.example.com/services/T1/B2/xyz?token=abc 500',
      e: 'npm_0123456789',
      f: '/usr/local/bin',
    });
    const { text: clean, found } = scrub(text, secrets);
    expect(JSON.parse(clean)).toEqual({
      a: '<redacted>',
      b: 'auth <redacted> failed',
      c: 'redis://user:<redacted>@redis.internal:6379/2',
      d: 'POST https://hooks.example.com<redacted> 500',
      e: '<redacted>',
      f: '/usr/local/bin',
    });
    expect(new Set(found)).toEqual(new Set(['PROXILION_API_KEY', 'REDIS_URL password', 'ALERT_WEBHOOK_URL path', 'NPM_TOKEN']));
  });
});

describe('the log tail', () => {
  it('reads only the end of a large log, and starts on a whole line', async () => {
    const file = join(root, 'big.log');
    // 2.4 MB: more than the 1 MiB it reads from the end
    writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => `{"n":${i},"pad":"${'x'.repeat(100)}"}`).join('\n') + '\n');
    const lines = (await tailFile(file)).trimEnd().split('\n');
    expect(lines).toHaveLength(LOG_LINES);
    expect(JSON.parse(lines[0]!).n).toBe(20_000 - LOG_LINES);
    expect(JSON.parse(lines[LOG_LINES - 1]!).n).toBe(19_999);
    // a last line without its newline is kept, and a short file is returned whole
    writeFileSync(file, 'one\ntwo');
    expect(await tailFile(file)).toBe('one\ntwo\n');
  });
});

describe('store statistics', () => {
  it('reads the SQLite file without changing it, and creates none where there is none', async () => {
    const daemon = await startDaemon();
    await daemon.post(bash('ls'));
    await daemon.post(bash('rm -rf /'));
    await daemon.stop();
    const config = (db: string) => ({ ...loadConfig({}, { ...CLEAN, SESSION_DB: db }) });
    const before = createHash('sha256').update(readFileSync(daemon.db)).digest('hex');
    const stats = await storeStats(config(daemon.db), Date.now());
    expect(stats).toMatchObject({ kind: 'sqlite', exists: true, sessions: { total: 1 }, events: { total: 2 } });
    expect(createHash('sha256').update(readFileSync(daemon.db)).digest('hex')).toBe(before);

    const none = join(daemon.dir, 'never.db');
    expect(await storeStats(config(none))).toEqual({ kind: 'sqlite', path: none, exists: false, note: expect.any(String) });
    expect(existsSync(none)).toBe(false);

    const notSqlite = join(daemon.dir, 'text.db');
    writeFileSync(notSqlite, 'this is not a database\n'.repeat(100));
    expect(await storeStats(config(notSqlite))).toMatchObject({ exists: true, db_bytes: 2300, error: expect.stringMatching(/not a database/) });
    rmSync(daemon.dir, { recursive: true, force: true });
  });
});

describe.skipIf(!!tarSkip)('proxilion diagnose when things are wrong', () => {
  it('exits 0 with the gateway down, and the bundle says so', async () => {
    const cwd = mkdtempSync(join(root, 'down-'));
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = diagnose(['--gateway', url, '--out', 'b.tar.gz'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.text).toMatch(new RegExp(`^gateway ${url}/: did not answer \\(.*ECONNREFUSED.*\\); the bundle records it$`, 'm'));
    const { files } = extract(join(cwd, 'b.tar.gz'));
    expect(JSON.parse(files['health.json']!)).toMatchObject({ gateway: `${url}/`, error: expect.stringContaining('ECONNREFUSED') });
    expect(files['metrics.txt']).toMatch(/^# GET \/metrics from .* failed: .*ECONNREFUSED/);
    expect(files['version.txt']).toContain(`gateway ${url}/: did not answer (`);
    expect(JSON.parse(files['store.json']!)).toMatchObject({ kind: 'sqlite', exists: false });
    // without --log: the journal, or a note saying how to capture the log
    expect(files['daemon.log']).toMatch(/proxilion serve 2>> \/var\/log\/proxilion\.log|^\S/);
  });

  it('puts the bundle in a directory given as --out, and writes it to stdout with --out -', () => {
    const cwd = mkdtempSync(join(root, 'dir-'));
    mkdirSync(join(cwd, 'out'));
    const down = ['--gateway', 'http://127.0.0.1:9'];
    expect(diagnose([...down, '--out', 'out'], { cwd }).code).toBe(0);
    expect(readdirSync(join(cwd, 'out'))).toEqual([expect.stringMatching(/^proxilion-diagnose-\d{8}T\d{6}Z\.tar\.gz$/)]);

    const r = diagnose([...down, '--out', '-'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('wrote the bundle to stdout');
    writeFileSync(join(cwd, 'piped.tar.gz'), r.stdout);
    expect(Object.keys(extract(join(cwd, 'piped.tar.gz')).files).sort()).toEqual([...FILES].sort());
  });

  it('writes the problems and the variables as set when the configuration is invalid, secrets redacted', () => {
    const cwd = mkdtempSync(join(root, 'badconfig-'));
    const key = `pxkey-${randomBytes(8).toString('hex')}`;
    const r = diagnose(['--gateway', 'http://127.0.0.1:9', '--out', 'b.tar.gz'], { cwd, env: { MODE: 'bogus', PROXILION_API_KEY: key } });
    expect(r.code, r.stderr).toBe(0);
    const { files } = extract(join(cwd, 'b.tar.gz'));
    const config = JSON.parse(files['config.json']!);
    expect(config.problems).toEqual([expect.stringContaining('MODE')]);
    expect(config.environment).toMatchObject({ MODE: 'bogus', PROXILION_API_KEY: '<redacted>' });
    expect(JSON.parse(files['store.json']!).error).toContain('configuration is invalid');
    expect(JSON.parse(files['doctor.json']!).checks.find((c: { id: string }) => c.id === 'deployment.config').status).toBe('fail');
    for (const text of Object.values(files)) expect(text).not.toContain(key);
  });

  it('notes a --log file it cannot read, and still writes the bundle', () => {
    const cwd = mkdtempSync(join(root, 'nolog-'));
    const r = diagnose(['--gateway', 'http://127.0.0.1:9', '--out', 'b.tar.gz', '--log', 'missing.log'], { cwd });
    expect(r.code).toBe(0);
    expect(r.text).toMatch(/daemon\.log .* no log: missing\.log could not be read \(ENOENT/);
    expect(extract(join(cwd, 'b.tar.gz')).files['daemon.log']).toMatch(/^# --log missing\.log could not be read: ENOENT/);
  });

  it('exits 70 when the file cannot be written, before collecting or after, and leaves nothing behind', () => {
    const cwd = mkdtempSync(join(root, 'unwritable-'));
    writeFileSync(join(cwd, 'a-file'), '');
    const missing = diagnose(['--out', 'no/such/dir/b.tar.gz'], { cwd });
    expect(missing.code).toBe(70);
    expect(missing.stderr).toBe('proxilion: cannot write no/such/dir/b.tar.gz: the directory no/such/dir does not exist; choose another place with --out FILE\n');
    const underFile = diagnose(['--out', 'a-file/b.tar.gz'], { cwd });
    expect(underFile.code).toBe(70);
    expect(underFile.stderr).toContain('a-file is not a directory');
    // /proc takes no new files, not even from root (tests run as root, which file modes would not stop)
    const proc = diagnose(['--gateway', 'http://127.0.0.1:9', '--out', '/proc/proxilion-diagnose.tar.gz'], { cwd });
    expect(proc.code).toBe(70);
    expect(proc.stderr).toMatch(/^proxilion: cannot write \/proc\/proxilion-diagnose\.tar\.gz: .*; choose another place with --out FILE\n$/);
    expect(readdirSync(cwd)).toEqual(['a-file']);
  });

  it('exits 2 for a usage error, as doctor does', () => {
    const cwd = mkdtempSync(join(root, 'usage-'));
    const bad = diagnose(['--gateway', 'not a url'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--gateway not a url: give the gateway\'s URL');
    expect(diagnose(['--bogus'], { cwd }).code).toBe(2);
    expect(diagnose(['extra'], { cwd }).code).toBe(2);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe.skipIf(!!tarSkip || !!redisSkipReason)('proxilion diagnose with the Redis store (real redis-server with a password)', () => {
  let redis: RedisServer;
  let daemon: Daemon;
  const password = `rpw-${randomBytes(10).toString('hex')}`;

  beforeAll(async () => {
    redis = await startRedis({ password });
    daemon = await startDaemon({ env: { SESSION_STORE: 'redis', REDIS_URL: redis.url } });
    for (const [i, c] of ['ls', 'pwd', 'whoami'].entries()) expect((await daemon.post(bash(c, { session_id: `s${i % 2}` }))).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await daemon?.stop();
    await redis?.stop();
  });

  it('counts the sessions and events read-only, and the password appears nowhere', () => {
    const cwd = mkdtempSync(join(root, 'redis-'));
    const r = diagnose(['--gateway', daemon.url, '--out', 'b.tar.gz'], { cwd, env: { SESSION_STORE: 'redis', REDIS_URL: redis.url } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.text).toContain('redacted: REDIS_URL password');
    const { files } = extract(join(cwd, 'b.tar.gz'));
    const store = JSON.parse(files['store.json']!);
    expect(store).toMatchObject({ kind: 'redis', location: `redis://:<redacted>@127.0.0.1:${redis.port}`, sessions: { counted: 2, complete: true }, events: { total: 3 } });
    expect(store.redis_version).toMatch(/^\d+\.\d+/);
    expect(Date.parse(store.events.oldest)).toBeLessThanOrEqual(Date.parse(store.events.newest));
    expect(gunzipSync(readFileSync(join(cwd, 'b.tar.gz'))).includes(password)).toBe(false);
  });

  it('says what went wrong with a wrong password, in store.json', () => {
    const cwd = mkdtempSync(join(root, 'redis-wrong-'));
    const wrong = redis.url.replace(password, 'not-the-password');
    const r = diagnose(['--gateway', daemon.url, '--out', 'b.tar.gz'], { cwd, env: { SESSION_STORE: 'redis', REDIS_URL: wrong } });
    expect(r.code, r.stderr).toBe(0);
    const store = JSON.parse(extract(join(cwd, 'b.tar.gz')).files['store.json']!);
    expect(store.error).toMatch(/WRONGPASS|invalid (username-)?password/i);
  });
});
