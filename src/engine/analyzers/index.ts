import type { Analyzer } from '../rule.js';
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

/** Every analyzer, in a fixed order; no discovery at run time. `legitimacy` is a multiplier, applied apart. */
export const ANALYZER_LIST: readonly Analyzer[] = [
  enumeration,
  credential,
  exfiltration,
  aiVelocity,
  promptEngineering,
  socialEngineering,
  callbackValidation,
  mcpOrchestration,
  fileAccess,
  taskFragmentation,
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
  policy,
];

/**
 * Analyzers that judge the call against its session (history, rates, org, conversation). They run
 * after ANALYZER_LIST and see its findings in `input.prior`, so they can weigh what this call does.
 */
export const SESSION_ANALYZER_LIST: readonly Analyzer[] = [requestRate, sessionProgression, aiAutonomy, multiTargetOrchestration, multiUserCorrelation, conversationContext];

/** Every analyzer with a rule table, in evaluation order: for rule listings, docs and the example test. */
export const ALL_ANALYZERS: readonly Analyzer[] = [...ANALYZER_LIST, ...SESSION_ANALYZER_LIST];
