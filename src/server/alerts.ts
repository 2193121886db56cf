import { redacted } from '../config/docs.js';
import { SETTINGS } from '../config/settings.js';
import type { Logger } from './log.js';
import type { Metrics } from './metrics.js';

export interface Alert {
  at: number;
  decision: string;
  threat_score: number;
  mode: string;
  session_id: string;
  user_id: string;
  org_id?: string;
  agent?: string;
  summary: string;
  rules: string[];
  patterns: string[];
  session_terminated: boolean;
  /** The user's request that lowered the call to this decision (Verdict.asked_for). */
  asked_for?: string;
}

export interface AlertOptions {
  url: string;
  format: 'json' | 'alertmanager';
  /** Attempts per alert, the first included. */
  attempts?: number;
  /** First retry delay; doubled per attempt. */
  backoffMs?: number;
  timeoutMs?: number;
  /** Alerts waiting beyond this are dropped (oldest first) and counted, so a dead receiver cannot grow memory. */
  maxQueue?: number;
}

/**
 * Delivers alerts to a webhook off the request path: `send` only queues. One delivery at a time,
 * retried with exponential backoff on network errors, timeouts, 429 and 5xx.
 */
export class AlertDispatcher {
  private readonly queue: Alert[] = [];
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;
  private readonly maxQueue: number;

  constructor(
    private readonly opts: AlertOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {
    this.attempts = opts.attempts ?? 5;
    this.backoffMs = opts.backoffMs ?? 500;
    this.timeoutMs = opts.timeoutMs ?? 5000;
    this.maxQueue = opts.maxQueue ?? 1000;
  }

  send(alert: Alert): void {
    if (this.closed) return;
    if (this.queue.length >= this.maxQueue) {
      this.queue.shift();
      this.metrics.alertsDelivered.labels('dropped').inc();
      this.log.warn('alert queue full; dropped the oldest alert', { max_queue: this.maxQueue });
    }
    this.queue.push(alert);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  /** Waits up to `graceMs` for queued alerts, then gives up on the rest (shutdown). */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    if (!this.running) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    if (this.queue.length > 0) this.log.warn('shutting down with undelivered alerts', { count: this.queue.length });
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    for (let a = this.queue.shift(); a; a = this.queue.shift()) await this.deliver(a);
  }

  private async deliver(alert: Alert): Promise<void> {
    const body = JSON.stringify(this.opts.format === 'alertmanager' ? toAlertmanager(alert) : { type: 'proxilion.alert', ...alert, at: new Date(alert.at).toISOString() });
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      let reason: string;
      try {
        const res = await fetch(this.opts.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(this.timeoutMs) });
        await res.body?.cancel();
        if (res.ok) {
          this.metrics.alertsDelivered.labels('delivered').inc();
          return;
        }
        reason = `HTTP ${res.status}`;
        if (res.status !== 429 && res.status < 500) {
          this.log.error('alert webhook rejected the alert; not retrying', { url: shownWebhookUrl(this.opts.url), status: res.status });
          break;
        }
      } catch (e) {
        reason = (e as Error).message;
      }
      if (attempt === this.attempts || this.closed) {
        this.log.error('alert delivery failed', { url: shownWebhookUrl(this.opts.url), attempts: attempt, reason });
        break;
      }
      this.log.warn('alert delivery failed; retrying', { attempt, reason });
      await new Promise((r) => setTimeout(r, this.backoffMs * 2 ** (attempt - 1)));
    }
    this.metrics.alertsDelivered.labels('failed').inc();
  }
}

/** Alertmanager's v2 API takes an array of alerts with labels and annotations (POST /api/v2/alerts). */
function toAlertmanager(a: Alert): unknown[] {
  const labels: Record<string, string> = {
    alertname: 'ProxilionThreat',
    severity: a.decision === 'Terminate' ? 'critical' : a.decision === 'Block' ? 'high' : 'warning',
    decision: a.decision,
    mode: a.mode,
    session_id: a.session_id,
    user_id: a.user_id,
  };
  if (a.org_id) labels.org_id = a.org_id;
  if (a.agent) labels.agent = a.agent;
  if (a.rules[0]) labels.rule = a.rules[0];
  return [{
    labels,
    annotations: { summary: `${a.decision} (score ${a.threat_score}): ${a.summary}`, description: a.patterns.join('\n'), rules: a.rules.join(','), session_terminated: String(a.session_terminated), ...(a.asked_for ? { asked_for: a.asked_for } : {}) },
    startsAt: new Date(a.at).toISOString(),
  }];
}

/** The webhook as logs show it: as `proxilion config` does, since chat webhooks carry their secret in the path. */
export function shownWebhookUrl(url: string): string {
  return redacted(SETTINGS.alertWebhookUrl, url);
}
