/** The programmatic API: the engine, its types, and the grammar loader for Node. */
export { createEngine, engineFromParser, PHASE_ORDER, type Engine, type EngineOptions } from './engine/index.js';
export { parseToolCall, ToolCallError, type ToolCall } from './engine/toolcall.js';
export type { Verdict, VerdictFinding } from './engine/verdict.js';
export type { SessionContext, SessionEvent } from './engine/session.js';
export { DEFAULT_POLICY, MODES, type Mode, type Policy, type PolicyEntry, type AllowNote } from './engine/policy.js';
export { DEFAULT_THRESHOLDS, type Decision, type Thresholds } from './engine/score.js';
export { ANALYZER_LIST, SESSION_ANALYZER_LIST, ALL_ANALYZERS } from './engine/analyzers/index.js';
export type { Rule, Finding, AnalyzerName, Tactic } from './engine/rule.js';
export { loadShellGrammar } from './runtime/grammar.js';
export { ProxilionClient, ProxilionMCPClient, ProxilionError, type ProxilionClientOptions, type RequestOptions, type ProxilionErrorCode, type AnalyzeRequestBody, type AnalyzeResponse, type ToolCallJson, type CommandContext, type HealthResponse, type SessionInfo, type AuditEventInfo, type EventsQuery, type EventsPage } from './client/client.js';
