import { describe, expect, it } from 'vitest';
import { bash, startDaemon } from './helpers/daemon.js';

describe('kill -9 under load', () => {
  it('loses no acknowledged event, and the sessions continue after a restart', async () => {
    const d = await startDaemon();
    const WORKERS = 16;
    const acked = new Map<string, string[]>();
    let killed = false;
    const worker = async (k: number) => {
      const session = `dur-${k}`;
      acked.set(session, []);
      for (let i = 0; !killed; i++) {
        const summary = `echo w${k}-${i}`;
        try {
          const r = await d.post(bash(summary, { session_id: session }));
          if (r.status === 200) acked.get(session)!.push(summary);
        } catch {
          return; // the connection died with the daemon: this call was never acknowledged
        }
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, k) => worker(k)));
    await new Promise((r) => setTimeout(r, 1500));
    d.proc.kill('SIGKILL');
    await d.exited;
    killed = true;
    await load;
    const total = [...acked.values()].reduce((n, a) => n + a.length, 0);
    expect(total).toBeGreaterThan(50);

    const again = await startDaemon({ db: d.db, dir: d.dir });
    try {
      for (const [session, summaries] of acked) {
        const stored = new Set<string>();
        let after: number | undefined;
        for (;;) {
          const page = (await again.get(`/events?session_id=${session}&limit=1000${after ? `&after=${after}` : ''}`)).json;
          for (const e of page.events) stored.add(e.summary);
          if (page.next === undefined) break;
          after = page.next;
        }
        const lost = summaries.filter((s) => !stored.has(s));
        expect(lost, `${session}: acknowledged but not stored`).toEqual([]);
        const next = await again.post(bash('ls', { session_id: session }));
        expect(next.status).toBe(200);
        const record = (await again.get(`/sessions/${session}`)).json;
        expect(record.request_count).toBeGreaterThanOrEqual(summaries.length + 1);
      }
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
