import { describe, expect, it } from 'vitest';
import { readSedScript, sedExecs, sedSubstitutions } from '../src/engine/shell/sed-script.js';

describe('reading a sed script', () => {
  it.each<[string, Array<[string, string, string]>, number]>([
    ['s/a/b/g', [['a', 'b', 'g']], 0],
    // an escaped delimiter is the delimiter itself; other escapes stay as the regex wrote them
    ['s/https:\\/\\/registry\\.npmjs\\.org/https:\\/\\/npm.evil.example/', [['https://registry\\.npmjs\\.org', 'https://npm.evil.example', '']], 0],
    ['s|a\\|b|c|', [['a|b', 'c', '']], 0],
    // a `;` inside a pattern does not end the command
    ['s/a;b/c/;s/d/e/', [['a;b', 'c', ''], ['d', 'e', '']], 0],
    // addresses, ranges, negation and blocks before the command
    ['/^host/s/old/new/', [['old', 'new', '']], 0],
    ['1,/end/!s/x/y/2', [['x', 'y', '2']], 0],
    ['$s#a#b#', [['a', 'b', '']], 0],
    ['/x/{s/a/b/;p}', [['a', 'b', '']], 1],
    ['\\,/etc,s,a,b,', [['a', 'b', '']], 0],
    // commands of other kinds; an insertion's text runs to the end of its line
    ['/^#/d', [], 1],
    ['1i s/not/a substitution/', [], 1],
    // an `s` left open swallows the rest
    ['s/a/b/;s/c/d', [['a', 'b', '']], 1],
    ['s/a', [], 1],
  ])('%s', (script, substitutions, others) => {
    const read = readSedScript(script);
    expect(read.substitutions.map((s) => [s.from, s.to, s.flags])).toEqual(substitutions);
    expect(read.others).toBe(others);
  });

  it('reads at most sixteen substitutions and counts the rest as unread', () => {
    const read = readSedScript(Array.from({ length: 20 }, (_, k) => `s/a${k}/b/`).join(';'));
    expect(read.substitutions).toHaveLength(16);
    expect(read.others).toBe(1);
  });

  it('stays linear on long hostile scripts', () => {
    const hostile = `s/${'\\/'.repeat(50_000)}`;
    expect(readSedScript(hostile).substitutions).toEqual([]);
    expect(readSedScript('/'.repeat(100_000)).others).toBeGreaterThan(0);
  });

  it('takes the scripts from -e and the first operand', () => {
    expect(sedSubstitutions(['sed', '-i', '-e', 's/a/b/', '--expression=s/c/d/', 'f.txt'])).toEqual([['a', 'b'], ['c', 'd']]);
    expect(sedSubstitutions(['sed', '-i', 's/\\/usr\\/bin/\\/tmp/', '/etc/environment'])).toEqual([['/usr/bin', '/tmp']]);
    // escaped punctuation is itself, for comparing names; other escapes stay
    expect(sedSubstitutions(['sed', '-i', 's|logs\\.acme\\.net:5044|127.0.0.1:5044\\n|', 'filebeat.yml'])).toEqual([['logs.acme.net:5044', '127.0.0.1:5044\\n']]);
  });

  it('finds what the e command and the e flag run', () => {
    expect(sedExecs(['sed', 's/.*/id/e'])).toEqual(['id']);
    expect(sedExecs(['sed', 's/x/cat \\/etc\\/shadow/e'])).toEqual(['cat /etc/shadow']);
    expect(sedExecs(['sed', '1e uname -a'])).toEqual(['uname -a']);
    expect(sedExecs(['sed', 's/a/b/g'])).toEqual([]);
  });
});
