/** A configuration or usage mistake: the CLI exits 64 with this message. */
export class ConfigError extends Error {
  readonly code = 'E_CONFIG';
  /** Every problem found, one line each: configuration is checked whole, not up to the first mistake. */
  readonly problems: readonly string[];

  constructor(problems: string | readonly string[]) {
    const list = typeof problems === 'string' ? [problems] : problems;
    super(list.length === 1 ? list[0]! : `${list.length} configuration problems:\n${list.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = list;
  }
}
