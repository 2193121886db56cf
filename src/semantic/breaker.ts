export type CircuitState = 'closed' | 'open' | 'half_open';

/**
 * Stops calling a provider that keeps failing: after `failures` consecutive failures it opens for
 * `cooldownMs`, then lets a single trial call through (half-open). The trial's success closes it; its
 * failure opens it again. While open, calls are refused at once instead of each waiting out a timeout.
 */
export class CircuitBreaker {
  private consecutive = 0;
  private openedAt?: number;
  private trialInFlight = false;

  constructor(
    private readonly failures: number,
    private readonly cooldownMs: number,
    private readonly clock: () => number = Date.now,
    private readonly onChange: (state: CircuitState) => void = () => undefined,
  ) {}

  state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.clock() - this.openedAt >= this.cooldownMs ? 'half_open' : 'open';
  }

  /** Whether a call may go out now; in half-open state only one at a time does. */
  tryAcquire(): boolean {
    const s = this.state();
    if (s === 'closed') return true;
    if (s === 'open' || this.trialInFlight) return false;
    this.trialInFlight = true;
    this.onChange('half_open');
    return true;
  }

  /** Milliseconds until a trial call is let through (0 when not open). */
  retryInMs(): number {
    return this.openedAt === undefined ? 0 : Math.max(0, this.openedAt + this.cooldownMs - this.clock());
  }

  success(): void {
    const was = this.openedAt !== undefined;
    this.consecutive = 0;
    this.openedAt = undefined;
    this.trialInFlight = false;
    if (was) this.onChange('closed');
  }

  failure(): void {
    this.consecutive++;
    if (this.trialInFlight || this.consecutive >= this.failures) {
      this.openedAt = this.clock();
      this.trialInFlight = false;
      this.onChange('open');
    }
  }

  /** A call that went out but ended without a verdict on the provider's health (the caller gave up). */
  release(): void {
    this.trialInFlight = false;
  }
}
