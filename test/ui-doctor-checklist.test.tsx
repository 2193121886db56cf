import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Chalk } from 'chalk';
import { render as inkRender } from 'ink';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../src/doctor/types.js';
import { doctorText } from '../src/report/doctor.js';
import { DoctorChecklist, type ChecklistItem } from '../src/ui/doctor-checklist.js';
import { startChecklist } from '../src/ui/doctor-live.js';

const GOLDEN = 'test/golden/doctor';
const GATEWAY = 'http://127.0.0.1:8787/';
const HEADER = `proxilion doctor X: gateway ${GATEWAY}`;

/** A fixed set of checks and what they report: the UI is under test here, not the checks. */
const CHECKS: ChecklistItem[] = [
  { id: 'deployment.config', group: 'deployment', title: 'configuration is valid' },
  { id: 'deployment.port', group: 'deployment', title: 'the port is free or ours' },
  { id: 'runtime.latency', group: 'runtime', title: 'p95 latency of a probe series' },
  { id: 'runtime.memory', group: 'runtime', title: 'daemon memory' },
  { id: 'detection.attack', group: 'detection', title: 'a known attack is blocked' },
  { id: 'integration.cors', group: 'integration', title: 'CORS preflight answers' },
];

const report = (id: string, r: Omit<CheckReport, 'id' | 'group' | 'title' | 'duration_ms'>): CheckReport => {
  const c = CHECKS.find((k) => k.id === id)!;
  return { ...c, ...r, duration_ms: 12 };
};

const REPORTS: CheckReport[] = [
  report('deployment.config', { status: 'pass', reason: 'mode block, thresholds 50/70/90, store sqlite' }),
  report('deployment.port', {
    status: 'fail',
    reason: 'port 8787 is held by another program (python3, pid 4242), not by proxilion',
    symptom: 'proxilion serve exits with "address already in use"',
    measured: { port: 8787, pid: 4242, command: 'python3 -m http.server 8787' },
    fix: ['ps -o pid,user,args -p 4242', 'kill 4242   # or: proxilion serve --port 8788'],
  }),
  report('runtime.latency', { status: 'warn', reason: 'p95 62.0 ms over 50 probes, above the 50 ms line', symptom: 'agents wait on every call', measured: { p95_ms: 62, probes: 50 }, fix: ['proxilion doctor --only runtime.latency'] }),
  report('runtime.memory', { status: 'pass', reason: 'rss 84 MiB' }),
  report('detection.attack', { status: 'pass', reason: 'curl … | sh was blocked (score 95)' }),
  report('integration.cors', { status: 'skip', reason: 'skipped: CORS_ORIGINS is not set' }),
];

const byId = (ids: string[]) => new Map(REPORTS.filter((r) => ids.includes(r.id)).map((r) => [r.id, r]));

const view = (reports: Map<string, CheckReport>, now: number, color = false) => (
  <DoctorChecklist header={HEADER} checks={CHECKS} reports={reports} startedAt={10_000} now={now} color={color} />
);

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1 once and review it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** ink-testing-library draws on a stdout of 100 columns: every frame below is at that width. */
describe('DoctorChecklist at 100 columns', () => {
  it('fills in as checks report: spinners for the pending, the finished groups printed in full', () => {
    const ui = render(view(new Map(), 10_050));
    const first = ui.lastFrame()!;
    expect(first.split('\n').filter((l) => l.startsWith('  ⠋ '))).toHaveLength(6);
    expect(first).toMatch(/0 passed, 0 warnings, 0 failed, 0 skipped, 6 running$/);

    // deployment has finished, runtime.memory and integration.cors still run; 1.1 s in
    ui.rerender(view(byId(['deployment.config', 'deployment.port', 'runtime.latency', 'detection.attack']), 11_100));
    const middle = ui.lastFrame()!;
    golden('checklist-intermediate.txt', middle + '\n');
    expect(middle).toContain('  ⠙ daemon memory (runtime.memory) 1 s');
    expect(middle).toContain('  ⠙ CORS preflight answers (integration.cors) 1 s');
    expect(middle).toContain('      fix:\n        ps -o pid,user,args -p 4242');
    ui.unmount();
  });

  it('ends as the text report, line for line', () => {
    const ui = render(view(byId(['deployment.config']), 10_100));
    ui.rerender(view(byId(REPORTS.map((r) => r.id)), 12_000));
    const last = ui.lastFrame()!;
    golden('checklist-final.txt', last + '\n');
    expect(last + '\n').toBe(doctorText(REPORTS, GATEWAY, new Chalk({ level: 0 })).replace(/^proxilion doctor [^:]+/, 'proxilion doctor X'));
    expect(last).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]|running/);
    ui.unmount();
  });

  it('the spinner turns with the time, and a check waiting a second or more shows how long', () => {
    const frame = (now: number) => render(view(new Map(), now)).lastFrame()!.split('\n')[3];
    expect(frame(10_000)).toBe('  ⠋ configuration is valid (deployment.config)');
    expect(frame(10_100)).toBe('  ⠙ configuration is valid (deployment.config)');
    expect(frame(13_000)).toBe('  ⠋ configuration is valid (deployment.config) 3 s');
  });

  it('colours the marks as the text report does, and not with color off', () => {
    const coloured = render(view(byId(REPORTS.map((r) => r.id)), 12_000, true)).lastFrame()!;
    expect(coloured).toContain('\x1b[32m✔\x1b[39m');
    expect(coloured).toContain('\x1b[31m✖\x1b[39m');
    expect(coloured).toContain('\x1b[33m!\x1b[39m');
    const pending = render(view(new Map(), 10_000, true)).lastFrame()!;
    expect(pending).toContain('\x1b[36m⠋\x1b[39m');
    expect(render(view(byId(REPORTS.map((r) => r.id)), 12_000)).lastFrame()).not.toContain('\x1b[');
  });
});

/** A terminal of the given size, recording what ink writes (debug: every frame whole). */
function terminal(columns: number, rows: number) {
  let last = '';
  const stdout = Object.assign(new PassThrough(), { columns, rows, isTTY: true });
  stdout.on('data', (chunk: Buffer) => (last = chunk.toString()));
  return { stdout: stdout as unknown as NodeJS.WriteStream, last: () => last };
}

describe('DoctorChecklist on a short terminal', () => {
  it('keeps the live region below the terminal height, which would make ink clear the screen and scrollback', () => {
    const many: ChecklistItem[] = Array.from({ length: 30 }, (_, i) => ({ id: `runtime.c${i}`, group: 'runtime', title: `check ${i}` }));
    const t = terminal(80, 12);
    const ink = inkRender(<DoctorChecklist header={HEADER} checks={many} reports={new Map()} startedAt={0} now={0} color={false} />, { stdout: t.stdout, debug: true, patchConsole: false });
    const lines = t.last().split('\n');
    ink.unmount();
    // the header (printed for good) and a live region of rows - 1
    expect(lines[0]).toBe(HEADER);
    const live = lines.slice(1).filter((l, i, all) => i < all.length - 1 || l !== '');
    expect(live.length).toBeLessThan(12);
    expect(live).toContain('  … 24 more lines, printed in full when their group finishes');
    expect(live[live.length - 1]).toBe('0 passed, 0 warnings, 0 failed, 0 skipped, 30 running');
  });

  it('cuts a live line at the width instead of wrapping it, so each takes one row', () => {
    const t = terminal(40, 50);
    const ink = inkRender(view(byId(['deployment.port']), 10_000), { stdout: t.stdout, debug: true, patchConsole: false });
    const out = t.last();
    ink.unmount();
    const [header, ...live] = out.split('\n');
    // the header is printed for good, whole: the terminal wraps it
    expect(header).toBe(HEADER);
    for (const line of live) expect([...line].length, line).toBeLessThanOrEqual(40);
    expect(out).toContain('  ✖ the port is free or ours (deploymen…');
  });
});

describe('startChecklist', () => {
  it('draws the reports handed to it and leaves the final report on the stream', async () => {
    const stdout = Object.assign(new PassThrough(), { columns: 100, rows: 40, isTTY: true }) as unknown as NodeJS.WriteStream;
    let written = '';
    (stdout as unknown as PassThrough).on('data', (chunk: Buffer) => (written += chunk.toString()));
    const live = startChecklist(stdout, { header: HEADER, checks: CHECKS, color: false });
    for (const r of REPORTS) live.report(r);
    await live.finish();
    const plain = written.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (const r of REPORTS) expect(plain).toContain(`${r.title} (${r.id}): ${r.reason}`);
    expect(plain).toContain('3 passed, 1 warnings, 1 failed, 1 skipped');
    // finish() twice is one finish
    await live.finish();
  });
});
