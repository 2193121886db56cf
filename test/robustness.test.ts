import { describe, expect, it } from 'vitest';
import { getEngine } from './helpers/engine.js';
import { parseToolCall } from '../src/engine/toolcall.js';

/** A small deterministic PRNG, so a failure reproduces from its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  'a', 'ls', ' ', ' ', '-', '|', '||', '&&', '&', ';', '\n', "'", '"', '`', '$', '$(', ')', '(', '{', '}', '[', ']', '[[', ']]', '<', '>', '>>', '<<', '<<<',
  '<<EOF\n', 'EOF', '\\', '*', '?', '~', '/', '#', '!', '=', 'x=', '${', '${IFS}', "$'\\x41'", 'bash -c ', 'eval ', 'sh', 'base64 -d', 'echo ', 'printf ',
  'python3 -c ', "'import os;os.system(\"", 'sudo ', 'env ', 'find . -exec ', ' \\;', 'ssh h ', 'if ', 'then ', 'fi', 'for ', 'do ', 'done', 'case ', 'esac',
  '\u200b', 'é', '\u0000', '\uffff', '/dev/tcp/1.2.3.4/4', '~/.ssh/id_rsa', '.env', 'curl ', 'http://x.example/', 'nc -e ', '{a,b}', '{1..9}',
];

describe('robustness', () => {
  // three thousand whole analyses: a loaded two-core runner needs more than the default budget
  it('never throws on 3,000 random shell-shaped inputs', async () => {
    const engine = await getEngine();
    const next = rng(20261122);
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(next() * 40);
      let s = '';
      for (let i = 0; i < len; i++) s += PIECES[Math.floor(next() * PIECES.length)];
      const v = engine.analyze({ kind: 'bash', command: s, args: [], env: {} });
      expect(['Allow', 'Alert', 'Block', 'Terminate'], s).toContain(v.decision);
      expect(v.threat_score).toBeGreaterThanOrEqual(0);
      expect(v.threat_score).toBeLessThanOrEqual(100);
    }
  }, 60_000);

  it('handles pathological shapes within bounds', async () => {
    const engine = await getEngine();
    const shapes = [
      Array.from({ length: 5000 }, () => 'true').join(' && '),
      Array.from({ length: 3000 }, (_, i) => `cat f${i}`).join(' | '),
      '$('.repeat(2000) + 'id' + ')'.repeat(2000),
      '('.repeat(3000) + 'ls' + ')'.repeat(3000),
      'echo ' + '{a,b}'.repeat(100),
      'cat ' + '*?[a-z]'.repeat(500),
      'x'.repeat(2 * 1024 * 1024),
      `echo ${Buffer.from('echo hi; '.repeat(20000)).toString('base64')} | base64 -d | sh`,
      "eval '".repeat(50) + 'ls' + "'".repeat(50),
      // PowerShell's format operator over literals that never close: its folding must not backtrack
      `powershell.exe -c '("{0}" -f ${'"a"        '.repeat(16)}'`,
      // interpreter code whose unmasking could compound: nested decoders, endless concatenation, unclosed code lists
      `python3 -c '${'exec(base64.b64decode("'.repeat(200)}aWQ='`,
      `python3 -c 'x=${'"a"+'.repeat(20000)}"b"'`,
      `python3 -c 'exec("".join(map(chr,[${'105,'.repeat(20000)}'`,
      `node -e '${"globalThis['ev'+'al']".repeat(3000)}'`,
      `perl -e 'eval scalar reverse q{${'x'.repeat(100000)}'`,
      // base58 decodes in time quadratic in its length: past its bound it is left as it is
      `printf %s ${'z'.repeat(60000)} | base58 -d | sh`,
      `jq -rn '"${'QUFB'.repeat(16000)}"|@base64d' | sh`,
      `mapfile -t a < <(printf '%s\\n' ${'x '.repeat(20000)}); "\${a[@]}"`,
    ];
    for (const s of shapes) {
      const v = engine.analyze({ kind: 'bash', command: s, args: [], env: {} });
      expect(v.threat_score).toBeLessThanOrEqual(100);
    }
  });

  it('accepts odd but valid tool calls of every kind', async () => {
    const engine = await getEngine();
    const calls = [
      { Filesystem: { operation: 'write', path: '', content: '' } },
      { FileSystem: { operation: 'Create', path: '/home/u/.bashrc', content: Array.from({ length: 300 }, (_, i) => i % 256) } },
      { Network: { method: 'PATCH', url: 'not a url', headers: { 'X-A': '' }, body: '\u0000' } },
      { Database: { query: "'".repeat(10000) } },
      { Unknown: { tool_name: 'x', params: { a: [[[[[[[[[[['deep']]]]]]]]]]], command: 'id' } } },
      { Unknown: { tool_name: 'x', params: null } },
      // edits compared line by line with what they replace: many of them, long ones, and a patch of many files
      { Unknown: { tool_name: 'MultiEdit', params: { file_path: 'src/a.py', edits: Array.from({ length: 1000 }, (_, i) => ({ old_string: 'verify=False\n'.repeat(50) + i, new_string: 'verify=False\n'.repeat(50) })) } } },
      { Unknown: { tool_name: 'Edit', params: { file_path: 'src/a.py', old_string: '', new_string: 'x'.repeat(300_000) } } },
      { Unknown: { tool_name: 'apply_patch', params: { input: '*** Begin Patch\n' + '*** Update File: a\n+x\n'.repeat(1000) } } },
      // infrastructure code padded so that every line is a setting to judge in its block, and a list that never closes
      { Filesystem: { operation: 'Write', path: 'infra/sg.tf', content: '  egress { cidr_blocks = ["0.0.0.0/0"] }\n'.repeat(2000) } },
      { Filesystem: { operation: 'Write', path: 'policy.json', content: '  "Action": "s3:GetObject",\n'.repeat(2000) } },
      { Filesystem: { operation: 'Write', path: 'main.tf', content: '  inline = [\n' + '    "echo hi",\n'.repeat(4000) } },
    ];
    for (const c of calls) expect(engine.analyze(parseToolCall(c)).decision).toBeDefined();
  });

  it("reads names of Object's own members as plain words, with no analyzer failing", async () => {
    const engine = await getEngine();
    const failed: string[] = [];
    const observer = { clock: () => 0, analyzer: () => {}, error: (name: string, e: unknown) => { failed.push(`${name}: ${String(e)}`); } };
    const names = Object.getOwnPropertyNames(Object.prototype);
    expect(names).toContain('constructor');
    for (const n of names) {
      const calls = [
        { Bash: { command: `${n} --help -x ${n}` } },
        { Bash: { command: `sudo ${n} -c id; pip install ${n}; nmap ${n}` } },
        { Unknown: { tool_name: `mcp__${n}__${n}`, params: { [n]: n, command: `${n} -v`, code: 'print(1)', language: n } } },
      ];
      for (const c of calls) expect(engine.analyze(parseToolCall(c), undefined, undefined, observer).decision).toBeDefined();
      expect(() => parseToolCall({ Filesystem: { operation: n, path: '/tmp/x' } })).toThrow();
    }
    expect(failed).toEqual([]);
  });
});
