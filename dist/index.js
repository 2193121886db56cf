import { createRequire as __pxCreateRequire } from 'node:module'; const require = __pxCreateRequire(import.meta.url);
import {
  PHASE_ORDER,
  createEngine,
  engineFromParser,
  loadShellGrammar
} from "./chunks/chunk-XPCQF55D.js";
import {
  DEFAULT_POLICY,
  MODES
} from "./chunks/chunk-3VK6IOBX.js";
import {
  ANALYZER_LIST
} from "./chunks/chunk-KU3BLU2A.js";
import {
  DEFAULT_THRESHOLDS,
  ToolCallError,
  parseToolCall
} from "./chunks/chunk-LJAJHS4G.js";
export {
  ANALYZER_LIST,
  DEFAULT_POLICY,
  DEFAULT_THRESHOLDS,
  MODES,
  PHASE_ORDER,
  ToolCallError,
  createEngine,
  engineFromParser,
  loadShellGrammar,
  parseToolCall
};
//# sourceMappingURL=index.js.map
