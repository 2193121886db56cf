import { Chalk } from 'chalk';
import { loadConfig, type ConfigFlags } from '../config.js';
import { eventJson, parseInstant, sessionJson } from '../report/audit-json.js';
import { DECISIONS } from '../engine/score.js';
import type { AuditEvent, SessionRecord, SessionStore } from '../store/types.js';
import { openConfiguredStore } from './store.js';
import { EXIT, UsageError } from './exit.js';
import { pad, paintDecision } from '../report/text-table.js';

export interface SessionsOptions extends ConfigFlags {
  json?: boolean;
  limit: string;
  reset?: boolean;
}

export interface EventsOptions extends ConfigFlags {
  json?: boolean;
  session?: string;
  decision?: string;
  since?: string;
  limit: string;
}

/** `proxilion sessions [ID]`: the active sessions, or one session with its latest events. */
export async function runSessions(id: string | undefined, opts: SessionsOptions): Promise<number> {
  const limit = positiveInt(opts.limit, '--limit');
  if (opts.reset && !id) throw new UsageError('--reset needs a session id: proxilion sessions <ID> --reset');
  return withStore(opts, opts.reset ? 'write' : 'read', async (store) => {
    const now = Date.now();
    if (opts.reset) {
      const existed = await store.reset(id!);
      process.stdout.write(opts.json ? JSON.stringify({ session_id: id, reset: existed }) + '\n' : existed ? `session ${id} reset\n` : `no session ${id}\n`);
      return existed ? EXIT.allow : EXIT.alert;
    }
    if (!id) {
      const list = await store.list({ now, limit });
      if (opts.json) process.stdout.write(JSON.stringify(list.map(sessionJson)) + '\n');
      else process.stdout.write(sessionTable(list));
      return EXIT.allow;
    }
    const record = await store.get(id, now);
    const recent = await lastEvents(store, id, limit);
    if (!record && recent.length === 0) {
      process.stderr.write(`proxilion: no session "${id}" in ${store.location} (it may have expired; see \`proxilion sessions\`)\n`);
      return EXIT.alert;
    }
    if (opts.json) process.stdout.write(JSON.stringify({ session: record ? sessionJson(record) : null, events: recent.map(eventJson) }) + '\n');
    else process.stdout.write((record ? sessionDetail(record) : `session ${id}: expired or reset; its audit events:\n`) + eventTable(recent));
    return EXIT.allow;
  });
}

/** `proxilion events`: the audit log, oldest first, filtered. */
export async function runEvents(opts: EventsOptions): Promise<number> {
  const limit = positiveInt(opts.limit, '--limit');
  const decision = opts.decision ? DECISIONS.find((d) => d.toLowerCase() === opts.decision!.toLowerCase()) : undefined;
  if (opts.decision && !decision) throw new UsageError(`--decision must be one of ${DECISIONS.join(', ')}; got "${opts.decision}"`);
  let since: number | undefined;
  if (opts.since !== undefined) since = parseSince(opts.since);
  return withStore(opts, 'read', async (store) => {
    const out: AuditEvent[] = [];
    let after: number | undefined;
    while (out.length < limit) {
      const page = await store.events({ sessionId: opts.session, decision, since, after, limit: Math.min(1000, limit - out.length) });
      out.push(...page.events);
      if (page.next === undefined) break;
      after = page.next;
    }
    if (opts.json) process.stdout.write(out.map((e) => JSON.stringify(eventJson(e))).join('\n') + (out.length ? '\n' : ''));
    else process.stdout.write(eventTable(out));
    return EXIT.allow;
  });
}

async function withStore(flags: ConfigFlags, access: 'read' | 'write', fn: (store: SessionStore) => Promise<number>): Promise<number> {
  const config = loadConfig(flags);
  if (config.sessionStore === 'inmemory') throw new UsageError('SESSION_STORE=inmemory keeps sessions inside the running daemon; query it with GET /sessions/:id and GET /events instead');
  const store = await openConfiguredStore(config, access);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The latest `n` events of a session, paging through its audit log with a bounded window. */
async function lastEvents(store: SessionStore, sessionId: string, n: number): Promise<AuditEvent[]> {
  let window: AuditEvent[] = [];
  let after: number | undefined;
  for (;;) {
    const page = await store.events({ sessionId, after, limit: 1000 });
    window = window.concat(page.events).slice(-n);
    if (page.next === undefined) return window;
    after = page.next;
  }
}

function positiveInt(raw: string, flag: string): number {
  if (!/^\d{1,7}$/.test(raw) || Number(raw) < 1) throw new UsageError(`${flag} must be a positive integer; got "${raw}"`);
  return Number(raw);
}

function parseSince(raw: string): number {
  const rel = /^(\d{1,6})([smhd])$/.exec(raw);
  if (rel) return Date.now() - Number(rel[1]) * { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[rel[2] as 's' | 'm' | 'h' | 'd'];
  const t = parseInstant(raw);
  if (t === undefined) throw new UsageError(`--since must be an ISO time, epoch seconds/milliseconds or a duration like 30m, 2h, 7d; got "${raw}"`);
  return t;
}

const color = () => new Chalk({ level: process.stdout.isTTY && !process.env.NO_COLOR ? 1 : 0 });
const time = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

function sessionTable(list: SessionRecord[]): string {
  if (list.length === 0) return 'no active sessions\n';
  const c = color();
  const head = c.bold(`${pad('SESSION', 38)} ${pad('USER', 16)} ${pad('CALLS', 6)} ${pad('MAX', 5)} ${pad('PHASE', 20)} ${pad('STATUS', 11)} LAST SEEN`);
  const rows = list.map((r) => `${pad(r.id, 38)} ${pad(r.userId, 16)} ${pad(String(r.requestCount), 6)} ${pad(String(r.maxScore), 5)} ${pad(r.phase ?? '-', 20)} ${pad(r.status === 'terminated' ? c.red('terminated') : 'active', 11)} ${time(r.lastSeen)}`);
  return [head, ...rows].join('\n') + '\n';
}

function sessionDetail(r: SessionRecord): string {
  const lines = [
    `session     ${r.id}`,
    `user        ${r.userId}${r.orgId ? `  (org ${r.orgId})` : ''}`,
    `status      ${r.status}${r.terminateReason ? `: ${r.terminateReason}` : ''}`,
    `calls       ${r.requestCount}, max score ${r.maxScore}`,
    `phases      ${r.phases.length ? r.phases.join(' → ') : '-'}`,
    `active      ${time(r.createdAt)} … ${time(r.lastSeen)} (expires ${time(r.expiresAt)})`,
  ];
  return lines.join('\n') + '\n\n';
}

function eventTable(events: AuditEvent[]): string {
  if (events.length === 0) return 'no events\n';
  const c = color();
  return events.map((e) => `${time(e.at)}  ${pad(e.sessionId, 20)} ${pad(e.userId, 12)} ${paintDecision(c, e.decision, pad(e.decision, 9))} ${pad(String(e.score), 5)} ${e.summary}${e.rules.length ? c.dim(`  [${e.rules.join(', ')}]`) : ''}`).join('\n') + '\n';
}
