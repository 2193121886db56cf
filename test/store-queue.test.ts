import { describe, expect, it } from 'vitest';
import { Queue } from '../src/store/queue.js';

describe('Queue', () => {
  it('behaves as an array shifted from the front, through its compactions', () => {
    const q = new Queue<number>();
    const mirror: number[] = [];
    for (let i = 0; i < 5000; i++) {
      q.push(i);
      mirror.push(i);
      // drop two for every three pushed, so the front passes the compaction point many times
      if (i % 3 === 2) {
        expect(q.shift()).toBe(mirror.shift());
        expect(q.shift()).toBe(mirror.shift());
      }
      expect(q.length).toBe(mirror.length);
    }
    expect(q.slice()).toEqual(mirror);
    expect(q.slice(10)).toEqual(mirror.slice(10));
    for (const i of [0, 1, mirror.length - 1, mirror.length, -1, -mirror.length, -mirror.length - 1]) expect(q.at(i)).toBe(mirror.at(i));
  });

  it('answers undefined when empty, and starts from given items', () => {
    const q = new Queue(['a', 'b']);
    expect([q.shift(), q.shift(), q.shift()]).toEqual(['a', 'b', undefined]);
    expect([q.length, q.at(0), q.at(-1)]).toEqual([0, undefined, undefined]);
  });
});
