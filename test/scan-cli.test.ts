import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers/cli.js';
import { checkGitHubSarif, validateSarif } from './helpers/sarif.js';

const FIX = 'test/fixtures/scan';
const GOLDEN = 'test/golden/scan';
/** A transcript, a log and a history: every report format is checked on the same three inputs. */
const GOLDEN_INPUTS = [`${FIX}/claude-code/exfil-session.jsonl`, `${FIX}/ndjson/exfil.ndjson`, `${FIX}/bash-history/dev-work.bash_history`];
const VERSION = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const tmp = mkdtempSync(join(tmpdir(), 'px-scan-'));

const scan = (args: string[], input?: string) => run(['scan', '--no-progress', ...args], { input });
const json = (args: string[]) => {
  const r = scan(['--format', 'json', ...args]);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) };
};

/** Run time and version change between runs; everything else in a report must not. */
const mask = (text: string) =>
  text
    .replace(/"duration_ms": \d+/g, '"duration_ms": 0')
    .replace(/time="[\d.]+"/g, 'time="0"')
    .replace(/calls in (\d+) sessions, [\d.]+ s:/, 'calls in $1 sessions, 0.0 s:')
    .replaceAll(`"${VERSION}"`, '"X"');

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('proxilion scan: every format, correlated per session', () => {
  const EXFIL = ['claude-code/exfil-session.jsonl', 'codex', 'gemini', 'mcp/exfil.mcp.jsonl', 'ndjson/exfil.ndjson', 'bash-history/exfil.bash_history', 'zsh-history/exfil.zsh_history', 'fish-history/exfil.fish_history', 'plain/exfil.txt'];

  it.each(EXFIL)('%s: finds the credential theft and the upload, each with its file and line, and fails --fail-on block', (input) => {
    const { code, report } = json(['--fail-on', 'block', `${FIX}/${input}`]);
    expect(code).toBe(1);
    expect(report.failed).toBe(true);
    const flagged = report.findings as Array<{ file: string; line: number; findings: Array<{ rule: string; tactic: string }> }>;
    expect(flagged.length).toBeGreaterThan(0);
    const tactics = new Set(flagged.flatMap((f) => f.findings.map((x) => x.tactic)));
    expect(tactics).toContain('credential_access');
    expect([...tactics].some((t) => t === 'exfiltration' || t === 'command_and_control')).toBe(true);
    for (const f of flagged) {
      const lines = readFileSync(f.file, 'utf8').split('\n');
      expect(f.line, `${f.file}:${f.line}`).toBeGreaterThan(0);
      expect(f.line).toBeLessThanOrEqual(lines.length);
    }
  });

  it('links the steps of one session: the upload carries a kill-chain rule that the same call alone does not', () => {
    const { report } = json([`${FIX}/claude-code/exfil-session.jsonl`]);
    const upload = report.findings.find((f: any) => f.summary.includes('webhook.site'));
    expect(upload.findings.map((f: any) => f.rule)).toContain('PX-CHAIN-001');
    const alone = run(['analyze', '--json', upload.summary]);
    const aloneRules = JSON.parse(alone.stdout).findings.map((f: any) => f.rule);
    expect(aloneRules).not.toContain('PX-CHAIN-001');
    expect(upload.outcome).toBe('denied');
  });

  it('allows ordinary developer work in every format', () => {
    const benign = [
      `${FIX}/claude-code/benign-session.jsonl`, `${FIX}/mcp/dev-work.mcp.log`, `${FIX}/ndjson/dev-work.ndjson`, `${FIX}/bash-history/dev-work.bash_history`,
      `${FIX}/zsh-history/dev-work.zsh_history`, `${FIX}/fish-history/dev-work.fish_history`, `${FIX}/plain/dev-work.txt`,
      ...readdirSync(`${FIX}/codex`).filter((f) => !f.includes('0199b1f4')).map((f) => `${FIX}/codex/${f}`),
      ...readdirSync(`${FIX}/gemini`).filter((f) => !f.includes('e8b4d2a6')).map((f) => `${FIX}/gemini/${f}`),
    ];
    const { code, report } = json(['--fail-on', 'alert', ...benign]);
    expect(report.findings).toEqual([]);
    expect(code).toBe(0);
    expect(report.stats.calls).toBeGreaterThan(60);
    expect(new Set(report.files.map((f: any) => f.format))).toEqual(new Set(['claude-code', 'codex', 'gemini', 'mcp', 'ndjson', 'bash-history', 'zsh-history', 'fish-history', 'plain']));
  });

  it('walks a directory, skips what it cannot read with one warning each, and goes on', () => {
    const { code, report } = json([FIX]);
    expect(code).toBe(0);
    expect(report.stats.files).toBe(readdirSync(FIX, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length);
    const skipped = report.files.filter((f: any) => f.format === 'skipped').map((f: any) => f.file);
    // plain text is read only when named: in a walk it could be any prose
    expect(skipped).toEqual(expect.arrayContaining([`${FIX}/README.md`, `${FIX}/plain/exfil.txt`]));
    expect(report.stats.skipped).toBeGreaterThan(10);
    expect(report.warnings).toEqual(expect.arrayContaining([{ file: `${FIX}/claude-code/broken.jsonl`, line: 3, reason: 'not JSON' }]));
    expect(report.sessions.filter((s: any) => s.decision === 'Terminate').length).toBeGreaterThanOrEqual(7);
  });

  // four whole-directory scans, each a fresh process: on a loaded two-core runner they outlast the default budget
  it('reads on a second thread exactly as on its own (--reader-thread)', () => {
    const own = scan(['--reader-thread', 'off', '--format', 'json', FIX]);
    const thread = scan(['--reader-thread', 'on', '--format', 'json', FIX]);
    expect([own.code, thread.code, thread.stderr]).toEqual([0, 0, '']);
    expect(mask(thread.stdout)).toBe(mask(own.stdout));
    const calls = (mode: string) => scan(['--reader-thread', mode, '--mode', 'terminate', '--format', 'ndjson', FIX]).stdout;
    const threaded = calls('on');
    expect(threaded).toBe(calls('off'));
    expect(threaded.split('\n').length).toBeGreaterThan(100);
  }, 90_000);

  it('reads stdin, with --format-in or by sniffing it', () => {
    const text = readFileSync(`${FIX}/zsh-history/exfil.zsh_history`, 'latin1');
    const r = run(['scan', '--no-progress', '--format', 'json', '-'], { input: text });
    const report = JSON.parse(r.stdout);
    expect(report.files).toEqual([{ file: '-', format: 'zsh-history', calls: expect.any(Number) }]);
    expect(report.findings.length).toBeGreaterThan(0);
    const forced = JSON.parse(run(['scan', '--no-progress', '--format', 'json', '--format-in', 'plain', '-'], { input: 'ls\ncat ~/.ssh/id_rsa\n' }).stdout);
    expect(forced.findings.map((f: any) => f.line)).toEqual([2]);
  });

  it('applies --mode terminate as the daemon does: a terminated session refuses its later calls', () => {
    const { report } = json(['--mode', 'terminate', `${FIX}/bash-history/exfil.bash_history`]);
    const session = report.sessions[0];
    expect(session.terminated).toBe(true);
    const nd = scan(['--mode', 'terminate', '--format', 'ndjson', `${FIX}/bash-history/exfil.bash_history`]).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const first = nd.findIndex((c) => c.session_terminated);
    expect(first).toBeGreaterThan(0);
    expect(nd.slice(first + 1).every((c) => c.refused_terminated === true && c.decision === 'Terminate')).toBe(true);
  });

  it('applies the policy file and the thresholds', () => {
    const policy = join(tmp, 'policy.yaml');
    writeFileSync(policy, 'allow:\n  - rule: PX-CRED-001\n    reason: reviewed\n');
    const withPolicy = json(['--policy', policy, '--format-in', 'plain', `${FIX}/plain/exfil.txt`]).report;
    const without = json(['--format-in', 'plain', `${FIX}/plain/exfil.txt`]).report;
    const rules = (r: any) => r.findings.flatMap((f: any) => f.findings.map((x: any) => x.rule));
    expect(rules(without)).toContain('PX-CRED-001');
    expect(rules(withPolicy)).not.toContain('PX-CRED-001');
    const strict = json(['--alert-threshold', '10', '--block-threshold', '15', '--terminate-threshold', '99', `${FIX}/fish-history/dev-work.fish_history`]).report;
    expect(strict.thresholds).toEqual({ alert: 10, block: 15, terminate: 99 });
  });

  it('reports only new findings against a --baseline, from json or sarif', () => {
    const base = join(tmp, 'base.json');
    expect(scan(['--format', 'json', '-o', base, `${FIX}/ndjson/exfil.ndjson`]).code).toBe(0);
    const again = json(['--fail-on', 'block', '--baseline', base, `${FIX}/ndjson/exfil.ndjson`, `${FIX}/bash-history/exfil.bash_history`]);
    expect(again.report.findings.every((f: any) => f.file.endsWith('.bash_history'))).toBe(true);
    expect(again.report.baseline).toEqual({ file: base, suppressed: JSON.parse(readFileSync(base, 'utf8')).findings.length });
    const sarif = join(tmp, 'base.sarif');
    scan(['--format', 'sarif', '-o', sarif, `${FIX}/ndjson/exfil.ndjson`]);
    const fromSarif = json(['--fail-on', 'block', '--baseline', sarif, `${FIX}/ndjson/exfil.ndjson`]);
    expect(fromSarif.report.findings).toEqual([]);
    expect(fromSarif.code).toBe(0);
  });

  it('refuses bad usage with exit 64 and a message that says what to do', () => {
    const cases: Array<[string[], RegExp]> = [
      [['no/such/file'], /no\/such\/file: no such file or directory/],
      [[], /missing required argument/],
      [['--format', 'xml', FIX], /argument 'xml' is invalid/],
      [['--format-in', 'csv', FIX], /argument 'csv' is invalid/],
      [['--fail-on', 'warn', FIX], /argument 'warn' is invalid/],
      [['--baseline', join(tmp, 'nope.json'), FIX], /--baseline .*no such file/],
      [['--baseline', `${FIX}/plain/dev-work.txt`, FIX], /--baseline .*not JSON/],
      [['--mode', 'paranoid', FIX], /--mode|MODE/],
    ];
    for (const [args, message] of cases) {
      const r = scan(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr).toMatch(message);
    }
  });

  it('writes --output in one piece and draws no progress when stderr is not a terminal', () => {
    const out = join(tmp, 'report.txt');
    const r = scan(['-o', out, `${FIX}/ndjson/exfil.ndjson`]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^proxilion scan: 1 files/);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(run(['scan', `${FIX}/ndjson/dev-work.ndjson`]).stderr).toBe('');
  });
});

describe('report formats (golden files; regenerate with UPDATE_GOLDEN=1 and review the diff)', () => {
  const output = (format: string) => mask(scan(['--format', format, ...GOLDEN_INPUTS]).stdout);

  it('text', () => golden('report.txt', output('text')));
  it('json', () => golden('report.json', output('json')));
  it('ndjson: one verdict per call', () => {
    const text = output('ndjson');
    golden('report.ndjson', text);
    expect(text.trim().split('\n')).toHaveLength(JSON.parse(output('json')).stats.calls);
  });
  it('junit: one testcase per session, failing at --fail-on', () => {
    const xml = output('junit');
    golden('report.junit.xml', xml);
    expect(xml.match(/<testcase /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    expect(mask(scan(['--format', 'junit', '--fail-on', 'terminate', `${FIX}/bash-history/dev-work.bash_history`]).stdout)).not.toContain('<failure');
  });
  it('sarif: valid SARIF 2.1.0 that GitHub code scanning accepts', () => {
    const text = output('sarif');
    golden('report.sarif', text);
    const log = JSON.parse(text);
    expect(validateSarif(log)).toEqual([]);
    expect(checkGitHubSarif(log)).toEqual([]);
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(5);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^test\/fixtures\/scan\//);
    expect(new Set(results.map((r: any) => r.partialFingerprints['proxilionCall/v1'])).size).toBe(results.length);
  });
});
