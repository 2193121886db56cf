/**
 * What a phone system's console runs through the shell. Asterisk's CLI runs a line after `!` in a shell, and its
 * dialplan's `System(…)` and `TrySystem(…)` applications (also started by `channel originate … application System …`)
 * run their data through /bin/sh; FreeSWITCH's `system` and `bgsystem` API commands and dialplan actions do the same.
 */

/** The command given to `asterisk -rx CMD` (or `-x`, in any cluster of flags) or `fs_cli -x CMD`. */
export function consoleCommand(argv: readonly string[]): string | undefined {
  for (let k = 1; k + 1 < argv.length; k++) if (/^-[a-zA-Z]*x$/.test(argv[k]!) || argv[k] === '--execute') return argv[k + 1];
  return undefined;
}

/** The shell line a PBX console command runs, if it runs one: `asterisk -rx '!id'`, `fs_cli -x 'bgsystem id'`. */
export function pbxShellLine(name: string, argv: readonly string[]): string | undefined {
  const command = consoleCommand(argv)?.trim();
  if (command === undefined) return undefined;
  if (name === 'asterisk') {
    if (command.startsWith('!')) return command.slice(1).trim() || undefined;
    const m = /^channel\s+originate\s+\S+\s+application\s+(?:Try)?System\s+(.+)$/is.exec(command.slice(0, 8192));
    return m ? unquoted(m[1]!) : undefined;
  }
  if (name === 'fs_cli') {
    const m = /^(?:bg)?system\s+(.+)$/is.exec(command.slice(0, 8192));
    return m ? m[1]! : undefined;
  }
  return undefined;
}

/** Data given whole in double quotes (`System "nc -e /bin/sh …"`) without them. */
const unquoted = (data: string): string => (/^"[^"]*"$/.test(data.trim()) ? data.trim().slice(1, -1) : data.trim());

const MAX_TEXT = 64 * 1024;
const MAX_COMMANDS = 16;
const XML_QUOTES: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** An Asterisk dialplan (`extensions*.conf`) or a FreeSWITCH one (`freeswitch/dialplan/…xml`). */
export const DIALPLAN_FILE = /(?:^|\/)(?:asterisk\/extensions[^/]{0,64}\.conf|freeswitch\/dialplan\/[^\n]{1,256}\.xml)$/;

/** The shell lines a dialplan's applications run on a call: `System(…)`'s data, a `system` action's data attribute. */
export function dialplanCommands(text: string): string[] {
  const doc = text.slice(0, MAX_TEXT);
  const out: string[] = [];
  // (the data runs to the line's last parenthesis: it holds the shell's own)
  for (const m of doc.matchAll(/\b(?:Try)?System\(([^\n]{1,4096})$/gim)) {
    const close = m[1]!.lastIndexOf(')');
    if (close > 0) out.push(m[1]!.slice(0, close));
    if (out.length >= MAX_COMMANDS) return out;
  }
  for (const m of doc.matchAll(/application="(?:bg)?system"\s{1,8}data="([^"\n]{1,4096})"/gi)) {
    out.push(m[1]!.replace(/&(?:quot|apos|amp|lt|gt);/g, (e) => XML_QUOTES[e]!));
    if (out.length >= MAX_COMMANDS) break;
  }
  return out;
}
