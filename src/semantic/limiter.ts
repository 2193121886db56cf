/**
 * At most `limit` provider requests at once. Further callers wait in order, each until its own
 * deadline; the queue is bounded, so a burst is refused rather than remembered.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  constructor(
    private readonly limit: number,
    private readonly maxWaiting = 1024,
  ) {}

  /** Resolves with a release function, or with undefined when the deadline passes first or the queue is full. */
  acquire(deadline: number, now: () => number = Date.now): Promise<(() => void) | undefined> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const entry = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.releaser());
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) this.waiting.splice(i, 1);
        resolve(undefined);
      }, Math.max(0, deadline - now()));
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // the slot passes straight to the next waiter, so `active` only drops when nobody waits
      if (next) next.grant();
      else this.active--;
    };
  }
}
