import { Text, useStdout } from 'ink';
import type { Snapshot } from './progress-types.js';

const BAR_CELLS = 30;
const MIN_BAR_CELLS = 10;
/**
 * Columns the bar leaves to the rest of the line (about 60 for the counts, 24 for the name) before it
 * shrinks. A constant, not the counts' actual width, so the bar keeps its length for the whole scan.
 */
const BESIDE_BAR = 86;
/** A name cut shorter than this says nothing, so it is dropped instead. */
const MIN_NAME = 8;
const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';

// compact, so the line keeps its width as counts grow and the name beside them does not jump around
const count = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Keeps the end of a path, which tells inputs apart, and marks the cut with an ellipsis. */
export function shortenLeft(name: string, width: number): string {
  const chars = [...name];
  return chars.length <= width ? name : `…${chars.slice(chars.length - (width - 1)).join('')}`;
}

function ratio(s: Snapshot): number {
  if (s.bytesTotal) return Math.min(1, s.bytes / s.bytesTotal);
  return s.filesTotal ? s.files / s.filesTotal : 0;
}

/**
 * One line of scan progress. A pure function of the snapshot: the spinner frame comes from `now`, so the
 * component keeps no timers and a test can render any moment.
 */
export function ScanProgress({ snapshot: s, color = true }: { snapshot: Snapshot; color?: boolean }) {
  const { stdout } = useStdout();
  // one column spare: writing the last one makes some terminals wrap, and ink would then redraw two lines
  const width = (stdout.columns || 80) - 1;
  const seconds = (s.now - s.startedAt) / 1000;
  const rate = seconds > 0 ? s.lines / seconds : 0;

  const files = `  ${s.files}/${s.filesTotal} files  ${count.format(s.lines)} lines (${count.format(rate)}/s)  ${count.format(s.calls)} calls  `;
  const flagged = `${count.format(s.flagged)} flagged`;

  let head: string;
  if (s.bytesTotal === undefined) head = SPINNER[Math.floor(s.now / 100) % SPINNER.length]!;
  else {
    const cells = Math.max(MIN_BAR_CELLS, Math.min(BAR_CELLS, width - BESIDE_BAR));
    const filled = Math.round(ratio(s) * cells);
    head = `${'█'.repeat(filled)}${'░'.repeat(cells - filled)}${`${Math.floor(ratio(s) * 100)}%`.padStart(5)}`;
  }
  const room = width - head.length - files.length - flagged.length - 2;
  const name = s.file && room >= MIN_NAME ? `  ${shortenLeft(s.file, room)}` : '';

  return (
    <Text wrap="truncate-end">
      <Text color={color ? 'cyan' : undefined}>{head}</Text>
      {files}
      <Text color={color && s.flagged > 0 ? 'red' : undefined}>{flagged}</Text>
      <Text dimColor={color}>{name}</Text>
    </Text>
  );
}
