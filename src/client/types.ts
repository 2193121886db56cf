// The gateway's JSON, as a program calling it sees it. Only types: nothing here runs.
import type { Decision, Thresholds } from '../engine/score.js';
import type { Mode } from '../engine/policy.js';
import type { Tactic } from '../engine/rule.js';

export type { AnalyzeResponse } from '../server/gateway.js';

/** A tool call in the upstream gateway's shape: exactly one variant key. */
export type ToolCallJson =
  | { Bash: { command: string; args?: string[]; env?: Record<string, string> } }
  | { Filesystem: { operation: 'read' | 'write' | 'delete' | 'list' | 'create'; path: string; content?: string } }
  | { Network: { method?: string; url: string; headers?: Record<string, string>; body?: string } }
  | { Database: { query: string; connection?: string } }
  | { Unknown: { tool_name: string; params?: unknown } };

/** The body of POST /analyze. `user_id` falls back to the client's `userId` option. */
export interface AnalyzeRequestBody {
  tool_call: ToolCallJson;
  user_id?: string;
  session_id?: string;
  org_id?: string;
  /** The agent making the call (claude-code, cursor, mcp:<server>…), for per-agent policy exceptions. */
  agent?: string;
  user_message?: string;
  ai_response?: string;
  /** Sent again with the same call in the same session, within a minute: the first answer, recorded once. */
  request_id?: string;
}

export interface CommandContext {
  sessionId?: string;
  userId?: string;
  orgId?: string;
  agent?: string;
}

export interface HealthResponse {
  status: 'healthy' | 'degraded';
  version: string;
  mode: Mode;
  session_store: string;
  store_connected: boolean;
  redis_connected: boolean;
  uptime_seconds: number;
  thresholds: Thresholds;
  /** Whether calls get an LLM second opinion, from which provider, and whether it is resting (circuit open). */
  semantic_analysis: { enabled: false } | { enabled: true; provider: 'anthropic' | 'openai'; model: string; endpoint: string; circuit: 'closed' | 'open' | 'half_open' };
}

/** GET /sessions/:id. Times are ISO 8601. */
export interface SessionInfo {
  session_id: string;
  user_id: string;
  org_id?: string;
  status: 'active' | 'terminated';
  session_terminated: boolean;
  created_at: string;
  last_seen: string;
  expires_at: string;
  request_count: number;
  max_score: number;
  phase?: Tactic;
  phases: Tactic[];
  terminated_at?: string;
  terminate_reason?: string;
}

/** One audit log entry of GET /events. */
export interface AuditEventInfo {
  /** Increasing in insertion order: pass the last one seen as `after` to read on. */
  id: number;
  at: string;
  session_id: string;
  user_id: string;
  org_id?: string;
  agent?: string;
  tool: string;
  summary: string;
  threat_score: number;
  decision: Decision;
  mode: Mode;
  rules: string[];
  tactics: Tactic[];
  targets: string[];
  refused: boolean;
}

export interface EventsQuery {
  session_id?: string;
  /** Any case: allow, Block… */
  decision?: Decision | Lowercase<Decision>;
  /** A Date, epoch seconds or milliseconds, or an ISO 8601 time. */
  since?: Date | number | string;
  /** The `next` of the previous page: only events after this id. */
  after?: number;
  /** 1 to 1000; the gateway's default is 100. */
  limit?: number;
}

export interface EventsPage {
  events: AuditEventInfo[];
  /** Present when more events match: pass it as `after` for the next page. */
  next?: number;
}
