import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, run } from './helpers/cli.js';

describe('proxilion analyze', () => {
  it('allows an ordinary command with exit 0', () => {
    const r = run(['analyze', 'git stash && git pull --rebase']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ALLOW/);
  });

  it('blocks reading a private key with exit 2 and names the rule', () => {
    const r = run(['analyze', 'cat ~/.ssh/id_rsa']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/BLOCK/);
    expect(r.stdout).toContain('PX-CRED-001');
  });

  it('takes an unquoted command after --', () => {
    const r = run(['analyze', '--json', '--', 'cat', '/etc/shadow']);
    expect(r.code).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(r.stdout).findings[0].rule).toBe('PX-CRED-005');
  });

  it('prints the verdict as JSON with the upstream fields', () => {
    const r = run(['analyze', '--json', 'ls -la']);
    const v = JSON.parse(r.stdout);
    expect(v).toMatchObject({ decision: 'Allow', threat_score: 0, patterns: [], session_terminated: false });
    expect(typeof v.duration_us).toBe('number');
  });

  it('explains how an obfuscated command was decoded', () => {
    const r = run(['analyze', '--explain', 'echo Y2F0IC9ldGMvc2hhZG93 | base64 -d | sh']);
    expect(r.stdout).toContain('decode-base64');
    expect(r.stdout).toContain('cat /etc/shadow');
    expect(r.stdout).toContain('--allow-rule PX-CRED-005');
  });

  it('honours --allow-rule', () => {
    const r = run(['analyze', '--allow-rule', 'PX-CRED-005', '--json', 'cat /etc/shadow']);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).not.toContain('PX-CRED-005');
  });

  it('applies a policy file from --policy or POLICY_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'px-'));
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'allow:\n  - rule: PX-CRED-005\n    path: /etc/shadow\n    reason: audited by the compliance job\ndeny:\n  - command: "npm publish"\n    reason: releases go through CI\n');
    expect(run(['analyze', 'npm publish']).code).toBe(0);
    const denied = run(['analyze', '--policy', file, 'npm publish']);
    expect(denied.code).toBe(2);
    expect(denied.stdout).toContain('PX-POLICY-001');
    expect(denied.stdout).toContain(`${file}:6: command npm publish: npm publish`);
    expect(run(['analyze', 'npm publish'], { env: { POLICY_FILE: file } }).code).toBe(2);
    expect(run(['analyze', 'cat /etc/shadow']).code).toBe(2);
    const allowed = run(['analyze', '--policy', file, 'cat /etc/shadow']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(`allowed by policy ${file}:2: audited by the compliance job (dropped PX-CRED-005)`);
    const batch = run(['analyze', '--batch', '--policy', file], { input: 'npm publish\ncat /etc/shadow\n' });
    expect(batch.stdout.trim().split('\n').map((l) => JSON.parse(l).decision)).toEqual(['Block', 'Allow']);
    const bad = run(['analyze', '--policy', join(dir, 'missing.yaml'), 'ls']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('missing.yaml: cannot read the policy file (no such file)');
  });

  it('applies thresholds from flags and environment', () => {
    expect(run(['analyze', 'cat ~/.ssh/id_rsa', '--block-threshold', '95', '--terminate-threshold', '99']).code).toBe(1);
    expect(run(['analyze', 'cat ~/.ssh/id_rsa'], { env: { BLOCK_THRESHOLD: '95', TERMINATE_THRESHOLD: '99' } }).code).toBe(1);
  });

  it('rejects bad configuration with exit 64 naming the variable', () => {
    const r = run(['analyze', 'ls'], { env: { ALERT_THRESHOLD: 'high' } });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('ALERT_THRESHOLD');
    const m = run(['analyze', 'ls'], { env: { MODE: 'paranoid' } });
    expect(m.code).toBe(64);
    expect(m.stderr).toContain('MODE');
    const order = run(['analyze', 'ls', '--alert-threshold', '80', '--block-threshold', '60']);
    expect(order.code).toBe(64);
  });

  it('exits 64 on usage errors', () => {
    expect(run(['analyze']).code).toBe(64);
    expect(run(['analyze', '--tool', 'network']).stderr).toContain('--url');
    expect(run(['analyze', '--bogus']).code).toBe(64);
    expect(run(['analyze', '--allow-rule', 'PX-NOPE-999', 'ls']).code).toBe(64);
  });

  it('analyzes non-shell tool calls from flags', () => {
    const fs = run(['analyze', '--json', '--tool', 'filesystem', '--operation', 'read', '--path', '/home/u/.aws/credentials']);
    expect(JSON.parse(fs.stdout).findings.map((f: { rule: string }) => f.rule)).toContain('PX-CRED-002');
    const net = run(['analyze', '--json', '--tool', 'network', '--url', 'http://169.254.169.254/latest/meta-data/iam/security-credentials/x']);
    expect(JSON.parse(net.stdout).decision).not.toBe('Allow');
  });

  it('reads an /analyze request body from a file and from stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'px-'));
    const file = join(dir, 'req.json');
    const body = { tool_call: { Bash: { command: 'cat /etc/shadow' } }, user_id: 'u', session_id: 's1' };
    writeFileSync(file, JSON.stringify(body));
    const r = run(['analyze', '--json', '--request', file]);
    expect(JSON.parse(r.stdout).session_id).toBe('s1');
    const s = run(['analyze', '--json', '--request', '-'], { input: JSON.stringify(body) });
    expect(JSON.parse(s.stdout).decision).not.toBe('Allow');
    const bad = run(['analyze', '--request', '-'], { input: '{"tool_call":{"Shell":{}}}' });
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('Shell');
  });

  it('--batch streams one verdict per line, in order, and survives bad lines', () => {
    const input = [
      'ls -la',
      '{"tool_call":{"Bash":{"command":"cat /etc/shadow"}},"user_id":"u"}',
      '{"Filesystem":{"operation":"Read","path":"/home/u/.ssh/id_rsa"}}',
      '{"not json',
      '{"tool_call":{"Nope":{}}}',
      '',
      'git status',
    ].join('\n');
    const r = run(['analyze', '--batch'], { input });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[0].decision).toBe('Allow');
    expect(lines[1].decision).not.toBe('Allow');
    expect(lines[2].findings[0].rule).toBe('PX-CRED-001');
    expect(lines[3].error).toMatch(/JSON/);
    expect(lines[4].error).toMatch(/Nope/);
    expect(lines[5].error).toMatch(/empty/);
    expect(lines[6].decision).toBe('Allow');
    expect(r.code).toBeGreaterThanOrEqual(2);
  });

  it('--batch answers an oversized line with an error, without buffering it, and goes on', () => {
    const input = `ls -la\r\n${'a'.repeat(3 * 1024 * 1024)}\r\ncat /etc/shadow\r\n`;
    const r = run(['analyze', '--batch'], { input });
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    expect(lines[0].decision).toBe('Allow');
    expect(lines[1].error).toMatch(/longer than 2097152 bytes/);
    expect(lines[2].findings[0].rule).toBe('PX-CRED-005');
  });
});

describe('proxilion in a pipeline', () => {
  it('--help stops quietly when its reader goes away', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" analyze --help | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], { encoding: 'utf8', timeout: 30000, env: { ...process.env, MODE: '' } });
    expect(r.stdout).toMatch(/^Usage: proxilion analyze/);
    expect(r.stderr.trim()).toBe('status=0');
  });

  it('--batch stops quietly when its reader goes away', () => {
    const r = spawnSync('bash', ['-c', `yes 'ls -la' | head -20000 | "${process.execPath}" "${BIN}" analyze --batch | head -1; echo "status=\${PIPESTATUS[2]}" >&2`], { encoding: 'utf8', timeout: 30000, env: { ...process.env, MODE: '' } });
    expect(JSON.parse(r.stdout).line).toBe(1);
    expect(r.stderr.trim()).toBe('status=0');
  });
});

describe('proxilion rules', () => {
  it('lists rules and shows one with examples', () => {
    const list = run(['rules']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('PX-CRED-001');
    const one = run(['rules', 'PX-CRED-001']);
    expect(one.stdout).toContain('T1552.004');
    expect(one.stdout).toContain('cat ~/.ssh/id_rsa');
    expect(run(['rules', 'PX-NOPE-001']).code).toBe(64);
    expect(JSON.parse(run(['rules', '--json']).stdout).length).toBeGreaterThan(50);
  });
});

describe('proxilion --help and --version', () => {
  it('documents exit codes', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('64');
    expect(run(['analyze', '--help']).stdout).toContain('--batch');
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
