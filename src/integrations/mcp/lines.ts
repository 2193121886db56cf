/**
 * Splits a byte stream into newline-delimited messages without decoding or re-encoding anything, so
 * what is passed on is byte for byte what arrived (MCP stdio framing: one JSON-RPC message per line).
 * A message longer than `max` is not held in memory: its bytes go to `onOversize` as they arrive,
 * and it is passed on uninspected.
 */
export class LineSplitter {
  private parts: Buffer[] = [];
  private size = 0;
  private oversize = false;

  constructor(
    private readonly max: number,
    private readonly onLine: (line: Buffer) => void,
    private readonly onOversize: (piece: Buffer, last: boolean) => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(0x0a, start);
      const end = nl < 0 ? chunk.length : nl + 1;
      const piece = chunk.subarray(start, end);
      const last = nl >= 0;
      if (!this.oversize && this.size + piece.length > this.max) {
        this.oversize = true;
        for (const p of this.parts) this.onOversize(p, false);
        this.parts = [];
        this.size = 0;
      }
      if (this.oversize) {
        this.onOversize(piece, last);
        if (last) this.oversize = false;
      } else {
        this.parts.push(piece);
        this.size += piece.length;
        if (last) this.flush();
      }
      start = end;
    }
  }

  /** The stream ended: a last message without its newline is still a message. */
  end(): void {
    if (this.size > 0) this.flush();
  }

  private flush(): void {
    const line = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.onLine(line);
  }
}

/** The JSON of one line, or undefined when it is not JSON (passed on as it is, never fatal). */
export function parseLine(line: Buffer): unknown {
  try {
    return JSON.parse(line.toString('utf8'));
  } catch {
    return undefined;
  }
}
