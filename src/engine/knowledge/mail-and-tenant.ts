import type { ToolCall } from '../toolcall.js';
import { nameWords } from '../tool-shape.js';
import { PERSONAL_MAILBOX } from './payloads.js';

/**
 * Changes to a mailbox or a Microsoft 365 tenant made through a mail or directory tool, or the Gmail and Graph APIs
 * called directly: what is asked, as one lower-cased text, and which kind of change it is.
 */
interface AccountChange { kind: 'mail-rule' | 'delegate' | 'forwarding' | 'consent'; text: string }

const MAX_TEXT = 16 * 1024;

function accountChange(call: ToolCall): AccountChange | undefined {
  if (call.kind === 'network') {
    if (!/^(?:POST|PUT|PATCH)$/i.test(call.method)) return undefined;
    const url = call.url.slice(0, 2048).toLowerCase();
    const text = (call.body ?? '').slice(0, MAX_TEXT).toLowerCase();
    if (!/^https:\/\/(?:gmail\.googleapis\.com|www\.googleapis\.com\/gmail|graph\.microsoft\.com|outlook\.office(?:365)?\.com)\//.test(url)) return undefined;
    if (/\/settings\/delegates\b/.test(url)) return { kind: 'delegate', text };
    if (/\/settings\/(?:forwardingaddresses|autoforwarding)\b|\/mailboxsettings\b/.test(url)) return { kind: 'forwarding', text };
    if (/\/settings\/filters\b|\/messagerules\b/.test(url)) return { kind: 'mail-rule', text };
    if (/\/oauth2permissiongrants\b|\/approleassign(?:ments|edto)\b/.test(url)) return { kind: 'consent', text };
    return undefined;
  }
  if (call.kind !== 'unknown') return undefined;
  const words = nameWords(call.toolName);
  if (!words.some((w) => /^(?:create|add|set|update|insert|put|enable|new)$/.test(w))) return undefined;
  const mail = words.some((w) => /^(?:gmail|mail|email|outlook|inbox|exchange|graph|mailbox)$/.test(w));
  const text = JSON.stringify(call.params ?? {}).slice(0, MAX_TEXT).toLowerCase();
  if (words.includes('delegate') || words.includes('delegates')) return mail ? { kind: 'delegate', text } : undefined;
  if (words.some((w) => w === 'forwarding' || w === 'autoforwarding')) return mail ? { kind: 'forwarding', text } : undefined;
  if (words.some((w) => w === 'filter' || w === 'filters' || w === 'rule' || w === 'rules')) return mail || /"(?:criteria|conditions)"/.test(text) ? { kind: 'mail-rule', text } : undefined;
  return undefined;
}

/** What a rule looks for or acts on when it is there to keep security mail from its reader. */
const SECURITY_MAIL = /security|password|reset|suspicious|phish|\bmfa\b|2fa|verif|sign-?in|login|alert|it-helpdesk|no-?reply@accounts\.google\.com|noreply@github\.com/;
/** Actions that make mail vanish from view: deleted, trashed, archived out of the inbox, marked read, moved away. */
const HIDES = /"trash"|"delete"|permanentdelete|"movetofolder"|"markasread"\s*:\s*true|"removelabelids"\s*:\s*\[[^\]]{0,200}"inbox"/;
const FORWARDS = /"(?:forward|forwardto|redirectto|forwardasattachmentto|forwardingemail|emailaddress)"/;

/**
 * `create_filter {criteria: {from: "security@…"}, action: {addLabelIds: ["TRASH"]}}`, an Outlook rule moving `password`
 * and `phish` mail to RSS Feeds, a Gmail delegate or forwarding address at a personal mailbox: the ways a taken-over
 * mailbox is kept quiet and read from outside.
 */
export function mailboxTakeover(call: ToolCall): string | undefined {
  const c = accountChange(call);
  if (c === undefined || c.kind === 'consent') return undefined;
  const personal = PERSONAL_MAILBOX.exec(c.text)?.[0];
  if (c.kind === 'delegate') return personal === undefined ? undefined : `mailbox delegated to ${personal}`;
  if (c.kind === 'forwarding' || FORWARDS.test(c.text)) return personal === undefined ? undefined : `mail forwarded to ${personal}`;
  if (HIDES.test(c.text) && SECURITY_MAIL.test(c.text)) return `a rule hides security mail: ${c.text.slice(0, 120)}`;
  // or any sender's mail marked read and filed where nobody looks: the rule that keeps a vendor's or client's own
  // replies from the mailbox's owner while someone answers in their name
  return /"markasread"\s*:\s*true/.test(c.text) && UNREAD_FOLDER.test(c.text) ? `a rule hides mail: ${c.text.slice(0, 120)}` : undefined;
}
/** Folders a mailbox's owner never opens. */
const UNREAD_FOLDER = /"movetofolder"\s*:\s*"(?:rss feeds|rss subscriptions|conversation history|junk email|deleted items|archive)"/;

/** A grant of an application's permissions for every user of the tenant, or of an application role, through Graph. */
export function tenantWideConsent(call: ToolCall): string | undefined {
  const c = accountChange(call);
  if (c?.kind !== 'consent') return undefined;
  return /"consenttype"\s*:\s*"allprincipals"|"approleid"/.test(c.text) ? c.text.slice(0, 160) : undefined;
}
