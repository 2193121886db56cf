import { Chalk } from 'chalk';
import { Box, Static, Text, useStdout } from 'ink';
import { checkLines, groupLines, pendingLine, summarize, summaryLine } from '../report/doctor.js';
import { GROUPS, type CheckReport, type Group } from '../doctor/types.js';

/** What the checklist knows of a check before it reports. */
export interface ChecklistItem {
  id: string;
  group: Group;
  title: string;
}

export interface ChecklistProps {
  /** The report's first line (doctorHeader). */
  header: string;
  /** Every selected check, in the guide's order. */
  checks: readonly ChecklistItem[];
  /** The reports so far, by check id. */
  reports: ReadonlyMap<string, CheckReport>;
  startedAt: number;
  /** When the props were made: the spinner frame and the time waited derive from it, so it must be fresh each time. */
  now: number;
  color?: boolean;
}

const SPINNER = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
/** A check waiting this long shows how long it has been waiting: the slow ones are what a person watches for. */
const SHOW_WAIT_MS = 1000;

interface Block {
  key: string;
  text: string;
}

const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * A width at which ink does not wrap the text: the terminal does, softly, so a long fix command still
 * copies as one line. Twice the characters covers wide ones; ink trims the spare columns.
 */
const unwrapped = (text: string): number => 2 * Math.max(1, ...text.split('\n').map((l) => [...l.replace(ANSI, '')].length));

/**
 * The live checklist of `proxilion doctor`: a pure function of its props (no timers), so a test can
 * render any moment.
 *
 * A group, once it and every group before it have finished, is printed for good (ink's <Static>) exactly
 * as the text report prints it, details in full; the rest is the live region, redrawn in place.
 * That region is kept shorter than the terminal: at its height ink would clear the whole screen,
 * scrollback included, on every redraw. Its lines are cut at the terminal's width so each is one row.
 * Once every check has reported, the screen holds the text report.
 */
export function DoctorChecklist({ header, checks, reports, startedAt, now, color = true }: ChecklistProps) {
  const { stdout } = useStdout();
  const c = new Chalk({ level: color ? 1 : 0 });
  const groups = GROUPS.filter((g) => checks.some((k) => k.group === g));
  const done = (g: Group) => checks.every((k) => k.group !== g || reports.has(k.id));
  const settled = groups.findIndex((g) => !done(g));
  const printed = settled === -1 ? groups : groups.slice(0, settled);

  const blocks: Block[] = [
    { key: 'header', text: header },
    ...printed.map((g) => ({ key: g, text: ['', ...groupLines(g, checks.filter((k) => k.group === g).map((k) => reports.get(k.id)!), c)].join('\n') })),
  ];

  const frame = SPINNER[Math.floor(now / 100) % SPINNER.length]!;
  const waited = Math.floor((now - startedAt) / 1000);
  const live: string[] = [];
  for (const g of groups.slice(printed.length)) {
    live.push('', c.bold(g));
    for (const k of checks.filter((x) => x.group === g)) {
      const r = reports.get(k.id);
      if (r) live.push(...checkLines(r, c));
      else live.push(pendingLine(k, frame, c) + (now - startedAt >= SHOW_WAIT_MS ? c.dim(` ${waited} s`) : ''));
    }
  }
  const finished = checks.map((k) => reports.get(k.id)).filter((r): r is CheckReport => r !== undefined);
  const running = checks.length - finished.length;
  const bottom = summaryLine(summarize(finished), c) + (running > 0 ? `, ${c.cyan(`${running} running`)}` : '');

  const rows = stdout.rows;
  // one row for the bottom line and one spare, so the region never reaches the terminal's height
  const room = rows ? Math.max(1, rows - 3) : Infinity;
  const shown = live.length <= room ? live : [...live.slice(0, room - 1), c.dim(`  … ${live.length - room + 1} more lines, printed in full when their group finishes`)];

  return (
    <>
      <Static items={blocks}>
        {(b) => (
          <Box key={b.key} width={unwrapped(b.text)}>
            <Text>{b.text}</Text>
          </Box>
        )}
      </Static>
      <Box flexDirection="column">
        {shown.map((line, i) => (
          <Text key={i} wrap="truncate-end">
            {line === '' ? ' ' : line}
          </Text>
        ))}
        <Text> </Text>
        <Text wrap="truncate-end">{bottom}</Text>
      </Box>
    </>
  );
}
