import type { Analyzer, Askable } from '../rule.js';
import { credential } from './credential.js';
import { exfiltration } from './exfiltration.js';
import { collection } from './collection.js';
import { fileAccess } from './file_access.js';
import { dataVolume } from './data_volume.js';
import { callbackValidation } from './callback_validation.js';
import { commandAndControl } from './command_and_control.js';
import { persistence } from './persistence.js';
import { privilegeEscalation } from './privilege_escalation.js';
import { defenseEvasion } from './defense_evasion.js';
import { impact } from './impact.js';
import { enumeration } from './enumeration.js';
import { hackingTools } from './hacking_tools.js';
import { lateralMovement } from './lateral_movement.js';
import { toolCall } from './tool_call.js';
import { hallucination } from './hallucination.js';
import { promptEngineering } from './prompt_engineering.js';
import { socialEngineering } from './social_engineering.js';
import { mcpOrchestration } from './mcp_orchestration.js';
import { aiVelocity } from './ai_velocity.js';
import { taskFragmentation } from './task_fragmentation.js';
import { parser } from './parser.js';
import { policy } from './policy.js';
import { requestRate } from './request_rate.js';
import { sessionProgression } from './session_progression.js';
import { aiAutonomy } from './ai_autonomy.js';
import { multiTargetOrchestration } from './multi_target_orchestration.js';
import { multiUserCorrelation } from './multi_user_correlation.js';
import { conversationContext } from './conversation_context.js';

export { legitimacy } from './legitimacy.js';

/**
 * Analyzers that judge the call alone: not its session, not the policy. Their findings are a function
 * of the call, so the engine computes them once per distinct command line and reuses them (see
 * engine/call-memo.ts); the engine hands them an input whose context and policy cannot be read.
 */
export const CALL_ANALYZER_LIST: readonly Analyzer[] = [
  enumeration,
  credential,
  exfiltration,
  promptEngineering,
  socialEngineering,
  callbackValidation,
  mcpOrchestration,
  fileAccess,
  dataVolume,
  privilegeEscalation,
  lateralMovement,
  hackingTools,
  hallucination,
  persistence,
  defenseEvasion,
  commandAndControl,
  collection,
  impact,
  toolCall,
  parser,
];

/** Per-call analyzers that also read the session's recent calls (pace, fragments) or the policy's deny entries. */
export const CONTEXT_CALL_ANALYZER_LIST: readonly Analyzer[] = [aiVelocity, taskFragmentation, policy];

/** Every per-call analyzer; no discovery at run time. `legitimacy` is a multiplier, applied apart. */
export const ANALYZER_LIST: readonly Analyzer[] = [...CALL_ANALYZER_LIST, ...CONTEXT_CALL_ANALYZER_LIST];

/** Every per-call rule by id, with how a user asks for its step (null: a user cannot), for legitimacy. */
export const ASKABLE_STEPS: ReadonlyMap<string, Askable | null> = new Map(ANALYZER_LIST.flatMap((a) => a.rules.map((r) => [r.id, r.askable ?? null] as const)));

/**
 * Analyzers that judge the call against its session (history, rates, org, conversation). They run
 * after ANALYZER_LIST and see its findings in `input.prior`, so they can weigh what this call does.
 */
export const SESSION_ANALYZER_LIST: readonly Analyzer[] = [requestRate, sessionProgression, aiAutonomy, multiTargetOrchestration, multiUserCorrelation, conversationContext];

/** Every analyzer with a rule table, in evaluation order: for rule listings, docs and the example test. */
export const ALL_ANALYZERS: readonly Analyzer[] = [...ANALYZER_LIST, ...SESSION_ANALYZER_LIST];
