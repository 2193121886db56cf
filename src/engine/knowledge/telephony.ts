/**
 * Phone systems: what an Asterisk, FreePBX, FreeSWITCH, Kamailio or TURN server is told to do, read from its
 * console commands, the dialplan and configuration text written to it, and the SQL run on its database. Toll fraud
 * dials the destinations where a call's charges are shared with whoever holds the number; eavesdropping joins or
 * copies other people's calls; a PBX opened lets anyone place calls or run its manager interface.
 */
import type { SimpleCommand } from '../shell/types.js';
import { DIALPLAN_FILE, consoleCommand } from '../shell/pbx-console.js';
import { clientQueries } from './sql-clients.js';

/**
 * Country and network codes that international revenue-share fraud dials most: the satellite and international
 * networks (870, 881, 882, 883) and the small or high-termination-rate countries that fraud reports keep listing.
 */
const HIGH_RISK_CODES = ['870', '881', '882', '883', '53', '252', '371', '220', '224', '231', '232', '238', '239', '247', '269', '290', '674', '682', '683', '688', '690'];

/**
 * A number dialled abroad to a high-risk destination in dial text (`PJSIP/+252615550…@trunk`, `…/01137125500…`,
 * `Dial(SIP/trunk/0088213${EXTEN})`, `--to +882164000123`): the international prefix (+, 00 or North America's 011),
 * then the code and at least seven digits, or a dialplan pattern's variable after three.
 */
export function highRiskNumber(text: string): string | undefined {
  for (const m of text.slice(0, 8192).matchAll(/(?:\+|\b00|\b011)(\d{3,15})(\$\{)?/g)) {
    const digits = m[1]!;
    if (digits.length < 7 && m[2] === undefined) continue;
    if (HIGH_RISK_CODES.some((code) => digits.startsWith(code))) return m[0].replace(/\$\{$/, '');
  }
  return undefined;
}

/** A phone number outside the PBX: + and at least seven digits, or an international prefix and as many. */
const OUTSIDE_NUMBER = /(?:\+|\b00|\b011)\d{7,15}\b/;

/** The console line of `asterisk -rx …` or `fs_cli -x …`, if the command is one. */
const consoleLine = (c: SimpleCommand): string | undefined => (c.name === 'asterisk' || c.name === 'fs_cli' ? consoleCommand(c.argv) : undefined);

/** Telephony providers' APIs and CLIs, where a call placed or a forward set is billed to the account. */
const PROVIDER_API = /^https:\/\/(?:api\.twilio\.com|api\.telnyx\.com|rest\.nexmo\.com|api\.nexmo\.com|api\.vonage\.com|api\.plivo\.com|api\.bandwidth\.com)\//;

/**
 * Calls placed to, or an extension's calls forwarded to, a high-risk destination: `channel originate
 * PJSIP/+252…@trunk`, `database put CF 1001 0118821…`, FreeSWITCH's `originate sofia/gateway/…/+882…`, `twilio
 * api:core:calls:create --to +882…`, a provider's API given such a number, and a dialplan written to dial one.
 */
export function premiumCallPlaced(c: SimpleCommand): string | undefined {
  const line = consoleLine(c);
  if (line !== undefined) return /^\s*(?:channel\s+originate|originate|bgapi\s+originate|database\s+put\s+CF[BU]?\b)/i.test(line) ? highRiskNumber(line) : undefined;
  if (c.name === 'twilio') return c.argv.some((w) => /^api:core:calls:create$|^api:core:incoming-phone-numbers:update$|^phone-numbers:update$/.test(w)) ? highRiskNumber(c.argv.slice(2).join(' ')) : undefined;
  if ((c.name === 'curl' || c.name === 'http' || c.name === 'xh') && c.argv.some((w) => PROVIDER_API.test(w))) return highRiskNumber(c.argv.slice(1).join(' '));
  return undefined;
}

/** Dialplan text that dials a high-risk destination (`exten => _X.,1,Dial(SIP/trunk_out/0088213${EXTEN})`). */
export function premiumDialplan(path: string, text: string): string | undefined {
  return DIALPLAN_FILE.test(path) && /\bDial\(/i.test(text) ? highRiskNumber(text) : undefined;
}

/**
 * Other people's calls listened to: ChanSpy or ExtenSpy started from the console or written into a dialplan, FreeSWITCH's
 * eavesdrop, and a dialplan's Dial that adds an outside number beside the one called (`Dial(PJSIP/${EXTEN}@trunk&PJSIP/+1312…@trunk)`).
 */
export function callsSpiedOn(c: SimpleCommand): string | undefined {
  const line = consoleLine(c);
  if (line === undefined) return undefined;
  return /^\s*(?:channel\s+)?(?:bgapi\s+)?originate\b[^\n]{0,400}\b(?:ChanSpy|ExtenSpy|eavesdrop)\b/i.test(line) ? line : undefined;
}

export function spyingDialplan(path: string, text: string): string | undefined {
  if (!DIALPLAN_FILE.test(path)) return undefined;
  const spy = /\b(?:ChanSpy|ExtenSpy|eavesdrop)\s*\(|application="eavesdrop"/i.exec(text);
  if (spy) return spy[0];
  // (every number a pattern dials, `${EXTEN}`, joined with `&` to one fixed outside number: both ring, both hear the
  // call; one user's desk phone rung beside their own mobile names no `${EXTEN}`)
  for (const m of text.slice(0, 16_384).matchAll(/\bDial\(([^)\n]{1,400})\)/gi)) {
    const channels = m[1]!.split(',')[0]!.split('&');
    if (channels.some((ch) => ch.includes('${EXTEN')) && channels.some((ch) => !ch.includes('${EXTEN') && OUTSIDE_NUMBER.test(ch))) return m[0];
  }
  return undefined;
}

/**
 * A PBX, its manager interface or its media relay opened to anyone: a manager user permitted from every address, guest
 * calls allowed, an `[anonymous]` endpoint, an ARI user with write access, a TURN server without authentication, the
 * FreeSWITCH event socket on every interface. Judged on what the write puts in (`permit=127.0.0.1/…` closes it).
 */
export function pbxOpenedByFile(path: string, text: string): string | undefined {
  const t = text.slice(0, 16_384);
  if (/^\/etc\/asterisk\/manager[^/]*\.conf$/.test(path)) return /^[ \t]*permit[ \t]*=[ \t]*0\.0\.0\.0\/0(?:\.0\.0\.0)?[ \t]*$/m.exec(t)?.[0].trim();
  if (/^\/etc\/asterisk\/sip[^/]*\.conf$/.test(path)) return /^[ \t]*allowguest[ \t]*=[ \t]*yes\b/im.exec(t)?.[0].trim();
  if (/^\/etc\/asterisk\/pjsip[^/]*\.conf$/.test(path)) return /^[ \t]*\[anonymous\]/m.exec(t)?.[0].trim();
  if (path === '/etc/asterisk/ari.conf') return /type\s*=\s*user/.test(t) && /read_only\s*=\s*no\b/.test(t) ? 'ARI user with write access' : undefined;
  if (/\/turnserver\.conf$/.test(path)) return /^[ \t]*no-auth[ \t]*$|^[ \t]*#[ \t]*(?:lt-cred-mech|use-auth-secret)\b/m.exec(t)?.[0].trim();
  if (/\/event_socket\.conf\.xml$/.test(path)) return /name="listen-ip"\s+value="(?:0\.0\.0\.0|::)"/.exec(t)?.[0];
  return undefined;
}

/**
 * The same from a command: a sed that moves calls arriving from the carrier (`from-pstn`, `from-trunk`) into the
 * internal context, where they may dial out; a FreePBX administrator made or its password reset in the database; a
 * Kamailio or OpenSIPS address trusted with a mask of 0 (every address).
 */
export function pbxOpenedByCommand(c: SimpleCommand): string | undefined {
  if (c.name === 'sed' && c.argv.some((w) => /\/etc\/asterisk\/(?:pj)?sip/.test(w))) {
    return c.argv.find((w) => /context\s*=\s*from-(?:pstn|trunk|sip-external|external)\b[^\n]{0,80}context\s*=\s*from-internal\b/.test(w.slice(0, 512)));
  }
  for (const q of clientQueries(c)) {
    const sql = q.slice(0, 4096);
    const hit = /\bINSERT\s+INTO\s+ampusers\b|\bUPDATE\s+ampusers\s+SET\s+password/i.exec(sql) ?? /\bINSERT\s+INTO\s+address\b[^;]{0,300}'0\.0\.0\.0'\s*,\s*0\s*,/i.exec(sql);
    if (hit) return hit[0];
  }
  return undefined;
}
