import type { AgentName } from '../names.js';
import type { Json } from './jsonc-doc.js';

export type Scope = 'project' | 'user';

/** Where the settings files are looked for: the project directory, the home directory, the environment. */
export interface Places {
  cwd: string;
  home: string;
  env: NodeJS.ProcessEnv;
}

/**
 * What install and uninstall need to know about one agent's hook settings. Descriptors are data:
 * the one engine in `engine.ts` does the editing for all of them.
 */
export interface AgentSettings {
  readonly agent: AgentName;
  /** The agent's name as its users know it. */
  readonly label: string;
  /** The settings file of a scope, absolute. */
  file(scope: Scope, places: Places): string;
  /**
   * Whether the agent reads the file as JSONC. When it reads strict JSON, a file holding comments is
   * refused rather than edited: the agent already rejects that file, and an edit would hide it.
   */
  readonly comments: boolean;
  /** The events under `hooks` that run proxilion. */
  readonly events: readonly string[];
  /**
   * `groups`: an event holds matcher groups `{matcher, hooks: [handler…]}` (Claude Code, Gemini, Codex);
   * `handlers`: an event holds the handlers themselves (Cursor).
   */
  readonly layout: 'groups' | 'handlers';
  /** The matcher of the group written for the `groups` layout: every tool. */
  readonly matcher?: string;
  /** The handler object for a command line. */
  handler(command: string): { [key: string]: Json };
  /** Top-level members written only when install creates the file. */
  readonly created?: { [key: string]: Json };
  /** What the hook covers, for the message after install. */
  readonly covers: string;
  /** A step the agent requires before a new hook runs, told after install. */
  readonly afterInstall?: string;
}
