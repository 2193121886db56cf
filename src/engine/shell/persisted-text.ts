/** Turning text written to an exec location into the command lines it will run. */

/** Crontab lines (`m h dom mon dow cmd`, `@reboot cmd`) → `cmd`: the schedule fields are not shell. */
export function stripSchedule(line: string): string {
  const l = line.trim();
  if (l.startsWith('@')) return l.replace(/^@[a-z]+\s+/, '').replace(/^root\s+/, '');
  const m = /^(?:[-0-9*\/,A-Za-z]+\s+){5}(.*)$/.exec(l);
  // /etc/crontab lines carry a user field after the schedule
  return m && /^[-0-9*\/,]+\s/.test(l) ? m[1]!.replace(/^root\s+/, '') : l;
}

/** systemd `ExecStart=/bin/sh -c '…'` and friends → the command line they run. */
export function unitExec(line: string): string {
  const m = /^(?:ExecStart|ExecStartPre|ExecStartPost|ExecStop|ExecReload|Exec)=[-@:+!]*(.*)$/.exec(line);
  if (m) return m[1]!;
  return /^[A-Z][A-Za-z]+=/.test(line) && !/^[A-Z_]+=/.test(line) ? '' : line;
}

const XML_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/**
 * A launchd property list's program: the `<string>`s of its ProgramArguments array, or its Program
 * string. Read by position (indexOf), never by a regex over the document.
 */
export function plistProgram(text: string): string[] | undefined {
  const doc = text.slice(0, 64 * 1024);
  if (!doc.includes('<plist')) return undefined;
  const strings = (from: number, to: number): string[] => {
    const out: string[] = [];
    for (let at = doc.indexOf('<string>', from); at >= 0 && at < to && out.length < 64; at = doc.indexOf('<string>', at + 8)) {
      const end = doc.indexOf('</string>', at + 8);
      if (end < 0 || end > to) break;
      out.push(doc.slice(at + 8, end).replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]!));
    }
    return out;
  };
  const args = doc.indexOf('<key>ProgramArguments</key>');
  if (args >= 0) {
    const open = doc.indexOf('<array>', args);
    const close = open < 0 ? -1 : doc.indexOf('</array>', open);
    if (close > 0) return strings(open, close);
  }
  const program = doc.indexOf('<key>Program</key>');
  if (program >= 0) {
    const next = doc.indexOf('</string>', program);
    return next > 0 ? strings(program, next + 9).slice(0, 1) : undefined;
  }
  return undefined;
}
