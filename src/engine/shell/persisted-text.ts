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
