/**
 * A list that drops from the front in amortized constant time, for the in-memory store's log and its
 * per-session and per-org indexes, which drop one event per append once full. `Array#shift` moves
 * every element once an array's storage is large (past about 16,000 elements V8 can no longer trim
 * it in place): a full 20,000-event log made each append copy the whole log.
 */
export class Queue<T> {
  private head = 0;

  constructor(private items: (T | undefined)[] = []) {}

  get length(): number {
    return this.items.length - this.head;
  }

  /** The item at `i` from the front (0 is the oldest); a negative `i` counts from the back, as for arrays. */
  at(i: number): T | undefined {
    return i >= 0 ? this.items[this.head + i] : i >= -this.length ? this.items[this.items.length + i] : undefined;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // compacted once half is dropped, so each item is copied at most once more on average
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The items from `start` (counted from the front) to the back. */
  slice(start = 0): T[] {
    return this.items.slice(this.head + Math.max(0, start)) as T[];
  }
}
