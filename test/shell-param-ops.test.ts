import { describe, expect, it } from 'vitest';
import { applyParamOp } from '../src/engine/shell/param-ops.js';

describe('parameter-expansion operators', () => {
  it.each([
    ['/ETC/Shadow', ',,', '/etc/shadow'],
    ['abc', '^^', 'ABC'],
    ['Abc', ',', 'abc'],
    ['abc', '^', 'Abc'],
    ['a/b/c', '#*/', 'b/c'],
    ['a/b/c', '##*/', 'c'],
    ['a/b/c', '%/*', 'a/b'],
    ['a/b/c', '%%/*', 'a'],
    ['report.txt', '%.txt', 'report'],
    ['Y/etc/shadow', '#Y', '/etc/shadow'],
    ['unchanged', '#zz', 'unchanged'],
    ['/etc/sXadow', '/X/h', '/etc/shadow'],
    ['a-b-c', '//-/', 'abc'],
    ['abc', '/#a/Z', 'Zbc'],
    ['abc', '/%c/Q', 'abQ'],
    ['abc', '/%z/Q', 'abc'],
  ])('%s with %s is %s', (value, op, expected) => {
    expect(applyParamOp(value, op)).toBe(expected);
  });

  it.each([
    ['abc', '#a?'],
    ['abc', '/[ab]/x'],
    ['abc', '#$x'],
    ['abc', ':-d'],
    ['abc', '@Q'],
  ])('leaves %s with %s to be dynamic', (value, op) => {
    expect(applyParamOp(value, op)).toBeUndefined();
  });

  it('refuses a substitution that would multiply the value past the bound', () => {
    expect(applyParamOp('a'.repeat(20_000), `//a/${'b'.repeat(100)}`)).toBeUndefined();
    expect(applyParamOp('aaa', '//a/bb')).toBe('bbbbbb');
  });
});
