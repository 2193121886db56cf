/** Types for transcript-gen.mjs, which benchmarks run as plain JavaScript and tests import. */
export function claudeTranscript(opts: { bytes: number; outputBytes?: number; callsPerSession?: number }): AsyncGenerator<Buffer>;
