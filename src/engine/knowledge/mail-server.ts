import type { SimpleCommand } from '../shell/types.js';
import { classifyHost } from './hosts.js';

/**
 * Mail servers' settings that turn them into an open relay, stop their filtering, log their users' passwords or stop
 * logging, as postconf sets them and as Postfix's, Exim's, Dovecot's and the filters' configuration files say them;
 * and the commands that throw a server's mail away wholesale.
 */

/** An address range that lets the world in: everything, or a public range outside the organization's networks. */
function publicRange(value: string): boolean {
  return value.split(/[\s,]+/, 64).some((r) => {
    const m = /^\[?([\d.]+|[\da-f:]+)\]?\/(\d{1,3})$/i.exec(r.trim());
    if (!m) return false;
    if (m[1] === '0.0.0.0' || m[1] === '::') return true;
    const kind = classifyHost(m[1]!);
    return kind !== 'private' && kind !== 'loopback';
  });
}

/** Postfix settings (`key = value`) and what each weakens when set so. */
const POSTFIX_SETTINGS: ReadonlyArray<{ key: RegExp; weak: (value: string) => boolean; what: string }> = [
  { key: /^mynetworks$/, weak: publicRange, what: 'an open relay: the internet, or a public range, let send through the server' },
  { key: /^smtpd_(?:relay|recipient)_restrictions$/, weak: (v) => /^\s*permit\s*$/.test(v), what: 'an open relay: every recipient permitted' },
  { key: /^debug_peer_list$/, weak: publicRange, what: 'every session logged in full, logins included' },
  { key: /^maillog_file$/, weak: (v) => v.trim() === '/dev/null', what: "the server's log thrown away" },
  { key: /^content_filter$/, weak: (v) => v.trim() === '', what: 'the content filter (virus and spam scanning) removed' },
  { key: /^milter_default_action$/, weak: (v) => v.trim() === 'accept', what: 'mail accepted unscanned when the filter fails' },
  { key: /^smtpd_tls_security_level$/, weak: (v) => v.trim() === 'none', what: 'TLS off for incoming mail and logins' },
];
/** Lines of the other servers' and filters' files that do the same. */
const FILE_SETTINGS: ReadonlyArray<{ file: RegExp; weak: RegExp; what: string }> = [
  { file: /^\/etc\/dovecot\//, weak: /^\s*auth_(?:verbose|debug)_passwords\s*=\s*(?:plain|yes|sha1)\b/m, what: "users' passwords written to the log" },
  { file: /^\/etc\/dovecot\//, weak: /^\s*(?:info_)?log_path\s*=\s*\/dev\/null\b/m, what: "the server's log thrown away" },
  { file: /^\/etc\/exim4?\//, weak: /dc_relay_nets\s*=\s*['"]?0\.0\.0\.0\/0/, what: 'an open relay: the internet let send through the server' },
  { file: /^\/etc\/amavis\//, weak: /@bypass_(?:virus|spam)_checks_maps\s*=\s*\(\s*1\s*\)/, what: 'virus and spam checks bypassed for everyone' },
  { file: /^\/etc\/(?:spamassassin|mail\/spamassassin)\//, weak: /^\s*(?:whitelist|welcomelist)_from\s+\*@\*/m, what: 'every sender trusted past the spam filter' },
  { file: /^\/etc\/rspamd\/local\.d\/(?:antivirus|phishing|multimap|dkim_signing|spf|dmarc)\.conf$/, weak: /^\s*enabled\s*=\s*false\b/m, what: "a filter module of rspamd's switched off" },
];

/** Settings a postconf command sets (`postconf -e 'k = v'`, `postconf k=v`). */
const postconfSettings = (c: SimpleCommand): Array<[string, string]> =>
  c.argv.slice(1, 64).filter((w) => !w.startsWith('-') && w.indexOf('=') > 0).map((w) => [w.slice(0, w.indexOf('=')).trim(), w.slice(w.indexOf('=') + 1)]);
/** Settings it removes (`postconf -X smtpd_milters`): the filters the server hands mail to. */
const removesFilters = (c: SimpleCommand) => c.argv.some((w) => /^-[a-zA-Z]*X$/.test(w)) && c.argv.some((w) => /^(?:smtpd_milters|non_smtpd_milters|content_filter)$/.test(w));

/** What a command weakens on a mail server, if anything. */
export function mailServerWeakened(c: SimpleCommand): string | undefined {
  if (c.name !== 'postconf') return undefined;
  if (removesFilters(c)) return 'the mail filters (virus and spam scanning, signing) removed';
  for (const [key, value] of postconfSettings(c)) for (const s of POSTFIX_SETTINGS) if (s.key.test(key) && s.weak(value)) return s.what;
  return undefined;
}

/** What a write to a mail server's or filter's configuration weakens, if anything. */
export function mailConfigWeakened(path: string, text: string): string | undefined {
  const t = text.slice(0, 65536);
  for (const { file, weak, what } of FILE_SETTINGS) if (file.test(path) && weak.test(t)) return what;
  if (path === '/etc/postfix/main.cf') {
    for (const m of t.matchAll(/^\s*([a-z_]{1,64})\s*=\s*([^\n]{0,512})$/gm)) for (const s of POSTFIX_SETTINGS) if (s.key.test(m[1]!) && s.weak(m[2]!)) return s.what;
  }
  return undefined;
}

/** A server's mail thrown away wholesale: the whole queue, every message of every mailbox. */
export function mailDestroyed(c: SimpleCommand): string | undefined {
  const a = c.argv;
  // (`postsuper -d ALL hold` clears the held queue an administrator chose; ALL alone or the live queues is everyone's mail)
  if (c.name === 'postsuper') return a.some((w, k) => w === 'ALL' && /^-[a-zA-Z]*d$/.test(a[k - 1] ?? '')) && !a.includes('hold') ? 'every queued message deleted' : undefined;
  if (c.name === 'doveadm' && a.includes('expunge') && a.includes('-A')) {
    const box = a[a.indexOf('mailbox') + 1];
    return (box === '*' || box === 'INBOX') && a.at(-1) === 'all' ? "every user's mail expunged" : undefined;
  }
  return undefined;
}
