/** The agents whose hooks proxilion speaks (INTEGRATIONS.md §a, §c, §d). */
export const AGENTS = ['claude-code', 'cursor', 'gemini', 'codex'] as const;
export type AgentName = (typeof AGENTS)[number];

/** The interactive shells whose pre-exec hook can stop a line (INTEGRATIONS.md §f). */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type ShellName = (typeof SHELLS)[number];

export const isAgent = (s: string): s is AgentName => (AGENTS as readonly string[]).includes(s);
export const isShell = (s: string): s is ShellName => (SHELLS as readonly string[]).includes(s);
