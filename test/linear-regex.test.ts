import { describe, expect, it } from 'vitest';
import { compileLinearRegex } from '../src/engine/knowledge/linear-regex.js';

const PATTERNS = [
  '^git push .*--force', 'a|b', '^(foo|bar)$', '[a-z]+\\d{2,3}x', '\\bcurl\\b', '\\Bx', 'colou?r', '^$', '', 'a{3}', 'a{2,}b', '[^abc]+',
  '[\\w.-]+@[\\w-]+\\.com', '\\s+$', '^\\S+\\s', 'x*', '(?:ab|cd)+e', '(?<n>ab)c', '[-a]z', '[a-]z', '\\x41\\u0042', '\\.', 'a.c', '[]', '[^]',
  'rm -rf /($| )', '(a|)b', 'a+?b', '[\\d-x]', '\\$HOME', '(a+)?b', '\\D\\W', '[^\\s]+=',
];
const TEXTS = [
  'git push origin main --force', 'a', 'foo', 'bar', 'foobar', 'abc12x', 'xabc123xy', 'curl http', 'xcurly', 'axb', 'color', 'colour', '', 'aaa',
  'aab', 'abc', 'xyz', 'bob@ex-1.com', 'trail  ', 'ab x', 'ababcde', 'abcdabe', '-z', 'AB', 'a.c', 'a\nc', 'rm -rf /', 'rm -rf / x', 'rm -rf /home',
  'b', 'echo $HOME', '5-x', 'a!', 'KEY=value', 'café ☕',
];

describe('linear regex', () => {
  it.each(PATTERNS)('agrees with RegExp on %j', (p) => {
    const mine = compileLinearRegex(p);
    const search = new RegExp(p);
    const whole = new RegExp(`^(?:${p})$`);
    for (const t of TEXTS) {
      expect(mine.search(t), `search ${JSON.stringify(t)}`).toBe(search.test(t));
      expect(mine.matchesWhole(t), `whole ${JSON.stringify(t)}`).toBe(whole.test(t));
    }
  });

  it.each([
    ['(a+)+', /nested quantifier/],
    ['(?:a*)*', /nested quantifier/],
    ['(ab?){2,}', /nested quantifier/],
    ['(a|b)\\1', /backreferences/],
    ['\\k<x>', /backreferences/],
    ['(?=x)', /lookahead and lookbehind/],
    ['(?<!x)y', /lookahead and lookbehind/],
    ['a{1000}', /counted repetition above 100/],
    ['*a', /nothing to repeat/],
    ['^*', /nothing to repeat/],
    ['(ab', /unterminated group/],
    ['ab)', /unmatched "\)"/],
    ['[b-a]', /range out of order/],
    ['[ab', /unterminated character class/],
    ['\\q', /unknown escape/],
    ['x'.repeat(513), /longer than 512/],
    ['(?:[a-z]{100}){0,1}x{100}y{100}z{100}w{100}v{100}u{100}t{100}s{100}r{100}q{100}p{100}o{100}n{100}m{100}l{100}k{100}j{100}i{100}h{100}g{100}', /too complex/],
  ])('rejects %j', (p, why) => {
    expect(() => compileLinearRegex(p)).toThrow(why);
  });

  it('stays linear where a backtracking engine takes seconds', () => {
    // `.*a.*b.*c` takes over ten seconds in V8 on 1 KiB of "abab…"; here it is one pass per position
    const r = compileLinearRegex('.*a.*b.*c');
    const text = 'ab'.repeat(2048);
    const started = process.hrtime.bigint();
    expect(r.search(text)).toBe(false);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
