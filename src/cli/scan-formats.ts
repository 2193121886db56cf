/** `proxilion scan --format`: kept apart from the command so that building the program loads none of it. */
export const OUTPUT_FORMATS = ['text', 'json', 'ndjson', 'sarif', 'junit'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
