import type { SimpleCommand } from '../shell/types.js';
import { optionValue, scriptIn } from '../shell/command-args.js';
import { emailAddressList, PERSONAL_MAILBOX } from './payloads.js';
import { classifyHost, EXFIL_KINDS } from './hosts.js';

/**
 * Where a mail server or a mail tenant is told to send copies of mail: Postfix's BCC settings and maps, aliases and
 * .forward files, virtual maps, header-check redirects, procmail and Sieve redirects, Exim's system filter and its
 * added recipients, fetchmail's delivery agent, Google Workspace forwarding through gam, Exchange's mailbox
 * forwarding, inbox rules and transport rules, and whole mailboxes copied by doveadm or imapsync.
 */
export interface MailCopy {
  /** The addresses or servers the copies go to. */
  to: string[];
  /** Every message of the server, the domain or the tenant, not one person's. */
  all: boolean;
  what: string;
  /** The domain of the mailbox forwarded, when the command names it (`gam user j@school.org …`). */
  own?: string;
}


/** Files whose lines route mail, and what a line of each sends where. */
const ROUTING_FILES: ReadonlyArray<{ file: RegExp; what: string; all?: (text: string) => boolean; to?: (text: string) => string[] }> = [
  { file: /(?:^|\/)\.forward$/, what: "a mailbox's .forward" },
  { file: /^\/etc\/(?:mail\/)?aliases$/, what: 'a mail alias' },
  { file: /^\/etc\/postfix\/[\w.-]*bcc[\w.-]*$/, what: 'a Postfix BCC map', all: (t) => /^@/m.test(t) },
  { file: /^\/etc\/postfix\/virtual$/, what: 'a Postfix virtual map', all: (t) => /^@/m.test(t) },
  { file: /^\/etc\/postfix\/(?:header|body)_checks$/, what: 'a Postfix header-check redirect', all: () => true, to: (t) => [...t.matchAll(/\bREDIRECT\s+(\S+@\S+)/g)].map((m) => m[1]!) },
  { file: /^\/etc\/postfix\/transport$/, what: 'a Postfix transport to another server', all: () => true, to: (t) => [...t.matchAll(/\bsmtp:\[?([\w.:-]+?)\]?(?::\d+)?(?:\s|$)/g)].map((m) => m[1]!) },
  { file: /(?:^|\/)\.procmailrc$/, what: 'a procmail forward', to: (t) => [...t.matchAll(/^!\s*(\S+@\S+)/gm)].map((m) => m[1]!) },
  { file: /\.sieve$/, what: 'a Sieve redirect', all: (t) => /before\.d|global/i.test(t), to: (t) => [...t.matchAll(/\bredirect\b[^"\n]{0,40}"([^"\n]+@[^"\n]+)"/g)].map((m) => m[1]!) },
  { file: /^\/etc\/exim4?\/(?:system_filter|[\w.-]*filter[\w.-]*)$/, what: "Exim's system filter", all: () => true, to: (t) => [...t.matchAll(/\bdeliver\s+(\S+@\S+)/g)].map((m) => m[1]!) },
];

/** What a write to a mail routing file sends where. */
export function mailRoutedInFile(path: string, text: string): MailCopy | undefined {
  for (const { file, what, all, to } of ROUTING_FILES) {
    if (!file.test(path)) continue;
    const dests = (to ?? emailAddressList)(text);
    return dests.length > 0 ? { to: dests, all: all?.(path + '\n' + text) ?? false, what } : undefined;
  }
  return undefined;
}

/** What a mail administration command sends where. */
export function mailRoutedByCommand(c: SimpleCommand): MailCopy | undefined {
  const a = c.argv;
  const line = a.join(' ').slice(0, 8192);
  switch (c.name) {
    case 'postconf': {
      const bcc = a.map((w) => /^always_bcc\s*=\s*(\S+@\S+)/.exec(w)?.[1]).find((x) => x !== undefined);
      return bcc ? { to: [bcc], all: true, what: "Postfix's always_bcc" } : undefined;
    }
    // a recipient added to a queued message
    case 'exim': case 'exim4': return a[1] === '-Mar' ? { to: emailAddressList(a.slice(3).join(' ')), all: false, what: 'a recipient added to a queued message' } : undefined;
    case 'doveadm': {
      // (past doveadm's own options: `doveadm -o mail_fsync=never backup …`)
      let k = 1;
      while (k < a.length && a[k]!.startsWith('-')) k += a[k] === '-o' || a[k] === '-c' || a[k] === '-i' ? 2 : 1;
      const verb = a[k];
      if (verb === 'sieve' && a[k + 1] === 'put') { const t = c.stdin ?? scriptIn(c) ?? ''; const to = [...t.matchAll(/\bredirect\b[^"\n]{0,40}"([^"\n]+@[^"\n]+)"/g)].map((m) => m[1]!); return to.length ? { to, all: false, what: 'a Sieve redirect' } : undefined; }
      // a mailbox copied whole to another server or a removable disk (`doveadm backup -u ceo@… remote:sync@203.0.113.50`)
      if (verb === 'backup' || verb === 'sync') {
        const dest = a.slice(k + 1).find((w) => /^(?:remote|tcp|ssh):|^(?:maildir|mdbox|sdbox|mbox):\/(?:mnt|media)\//.test(w));
        return dest ? { to: [dest.replace(/^(?:remote|tcp|ssh):(?:[^@]*@)?/, '').replace(/:\d+$/, '')], all: a.includes('-A'), what: 'a mailbox copied whole' } : undefined;
      }
      return undefined;
    }
    case 'imapsync': {
      const user2 = optionValue(a, ['--user2']) ?? '';
      const host2 = optionValue(a, ['--host2']) ?? '';
      return host2 ? { to: [user2.includes('@') ? user2 : host2, host2], all: false, what: 'a mailbox copied to another account' } : undefined;
    }
    case 'fetchmail': {
      const mda = optionValue(a, ['--mda', '-m']) ?? '';
      return /sendmail/.test(mda) ? { to: emailAddressList(mda), all: false, what: "fetchmail's delivery re-sent" } : undefined;
    }
    case 'gam': {
      if (!/\bforward(?:ingaddress)?\b/.test(line) || /\bforward off\b|\bdelete\b|\bshow\b|\bprint\b/.test(line)) return undefined;
      const own = a[1] === 'user' && a[2]?.includes('@') ? a[2].slice(a[2].lastIndexOf('@') + 1).toLowerCase() : undefined;
      return { to: emailAddressList(a.slice(3).join(' ')), all: a[1] === 'all', what: 'Google Workspace mail forwarding', own };
    }
    case 'pwsh': case 'powershell': {
      const to = [...line.matchAll(/-(?:ForwardingSmtpAddress|ForwardingAddress|ForwardTo|RedirectTo|ForwardAsAttachmentTo|BlindCopyTo|RedirectMessageTo|AddToRecipients)\s+['"]?(?:smtp:)?([^\s'",]+@[^\s'",]+)/gi)].map((m) => m[1]!);
      return to.length ? { to, all: /New-TransportRule|Set-TransportRule/i.test(line), what: 'Exchange mail forwarding or a transport rule' } : undefined;
    }
    default: return undefined;
  }
}

/** A destination outside the organization by its nature: a personal mailbox, a raw address or throwaway host, a removable disk. */
export function outsideMailDestination(to: string): boolean {
  if (PERSONAL_MAILBOX.test(to)) return true;
  if (/^(?:maildir|mdbox|sdbox|mbox):\/(?:mnt|media)\//.test(to)) return true;
  const host = to.includes('@') ? to.slice(to.lastIndexOf('@') + 1) : to;
  return EXFIL_KINDS.has(classifyHost(host.replace(/[>"',;]+$/, '')));
}

/**
 * A copy that leaves the organization: to a destination outside by its nature, or to a domain that is neither the
 * forwarded mailbox's own nor one of its parent or child domains (`students.school.org` and `school.org` are one).
 */
export function leavesOrganization(m: MailCopy, to: string): boolean {
  if (outsideMailDestination(to)) return true;
  if (m.own === undefined || !to.includes('@')) return false;
  const domain = to.slice(to.lastIndexOf('@') + 1).toLowerCase();
  return !(domain === m.own || domain.endsWith(`.${m.own}`) || m.own.endsWith(`.${domain}`));
}
