import type { ToolCall } from '../toolcall.js';
import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg } from '../rule.js';
import { percentDecoded } from '../shell/decoders.js';
import { accessGranted, readBusinessCall } from './business-call.js';
import { memoizeOn } from './memo.js';
import { commerceCall } from './commerce.js';

/**
 * HR, payroll, accounting and spend systems changed through an agent's tools: Workday, BambooHR, Gusto, Rippling,
 * Deel, Personio and ADP; NetSuite, QuickBooks and Xero; Brex, Ramp, Expensify and Bill.com; the payment APIs of
 * Modern Treasury, Mercury, Plaid, Wise and Stripe. Money leaves these systems for the bank details they hold, so
 * the readers below answer what a call does of that: bank details written, access given to an outsider, the books
 * edited after the fact, people's identity numbers pulled in bulk, a card's full number shown.
 */

/** The vendors, by the name their MCP servers go by (`mcp__gusto__…`), with the domains they own. */
const VENDORS: ReadonlyMap<string, readonly string[]> = new Map([
  ['workday', ['workday.com', 'myworkday.com']], ['bamboohr', ['bamboohr.com']], ['gusto', ['gusto.com']], ['rippling', ['rippling.com']],
  ['deel', ['deel.com', 'letsdeel.com']], ['personio', ['personio.de', 'personio.com']], ['adp', ['adp.com']], ['netsuite', ['netsuite.com', 'oracle.com']],
  ['quickbooks', ['intuit.com', 'quickbooks.com']], ['xero', ['xero.com']], ['brex', ['brex.com', 'brexapis.com']], ['ramp', ['ramp.com']],
  ['expensify', ['expensify.com']], ['billcom', ['bill.com']], ['modern-treasury', ['moderntreasury.com']], ['moderntreasury', ['moderntreasury.com']],
  ['mercury', ['mercury.com']], ['plaid', ['plaid.com']], ['wise', ['wise.com', 'transferwise.com']], ['stripe', ['stripe.com']],
]);
/** The same systems' APIs by address. */
const FINANCE_API = /\/\/(?:[\w-]+\.)*(?:myworkday\.com|bamboohr\.com|gusto\.com|rippling\.com|letsdeel\.com|personio\.de|adp\.com|netsuite\.com|intuit\.com|xero\.com|brexapis\.com|ramp\.com|expensify\.com|bill\.com|moderntreasury\.com|mercury\.com|plaid\.com|transferwise\.com|wise\.com|stripe\.com)(?:[:/?#]|$)/;
/** A call to one of these systems, read once: its vendor, name or path words, whether it changes something, its parameters. */
const financeCall = memoizeOn((call: ToolCall) => readBusinessCall(call, { byServer: VENDORS, api: FINANCE_API }));

/** Parameter names of a bank account's numbers: account and routing numbers, IBAN and BIC, sort and BSB codes. */
// (and the columns of the ERPs' own tables: SAP's bank key and account in HR's PA0009, vendors' LFBK and a payment
// run's REGUH; Dynamics GP's direct-deposit account and transit number)
const BANK_KEY = /^(?:(?:bank_?)?account_?(?:number|no|num)|acct_?no|acc_number|routing_?(?:number|no)|aba|iban|bic|swift(?:_?code)?|sort_?code|bsb|bank_?(?:no|number|code)|custrecord_2663_entity_(?:acct_no|bank_no|iban|swift)|bankn|bankl|zbnkn|zbnkl|ddactnum|ddtranum)$|accountnumber$|routingnumber$/;
/** A field or column that holds where a payee's money goes: an account, routing number, IBAN or bank key. */
export const isBankKey = (name: string) => BANK_KEY.test(name.toLowerCase());

/** The user's own record named the way these tools name it (`worker_id: "me"`). */
const OWN_RECORD = /"(?:worker_id|employee_id|employee_uuid|user_id)"\s*:\s*"me"/;

/** A call about the user's own record: their own pay election, their own address. */
export function ownRecord(call: ToolCall): boolean {
  return call.kind === 'unknown' && OWN_RECORD.test((JSON.stringify(call.params ?? null) ?? '').slice(0, 32768));
}

/** Bank details written through a payroll, accounting or payments API: where pay or a payment now goes. */
export function bankDetailsWritten(call: ToolCall): string[] {
  const f = financeCall(call);
  if (!f || !f.writes || !f.keys.some((k) => BANK_KEY.test(k)) || OWN_RECORD.test(f.json)) return [];
  return [`${f.vendor}: ${f.words.join(' ')}: bank details ${f.keys.filter((k) => BANK_KEY.test(k)).slice(0, 3).join(', ')}`];
}

/** Access given to an outsider (`accessGranted`) in one of these systems. */
export function accessForOutsider(call: ToolCall): string[] {
  const f = financeCall(call);
  return f ? accessGranted(f, VENDORS.get(f.vendor) ?? []) : [];
}

/** The books edited after the fact: a journal entry deleted or voided, a closed accounting period opened again. */
export function booksRewritten(call: ToolCall): string[] {
  const f = financeCall(call);
  if (!f || !f.writes) return [];
  const journal = f.words.some((w) => /^(?:journal|journalentry|journals|manual|gl)$/.test(w)) || /"record_type"\s*:\s*"journalentry"/.test(f.json);
  // (QuickBooks deletes by a POST with `?operation=delete`)
  const removed = f.words.includes('delete') || /(?:^|&)operation=delete(?:&|$)/.test(f.query) || /"status"\s*:\s*"(?:VOIDED|DELETED)"/.test(f.json);
  if (journal && removed) return [`${f.vendor}: ${f.words.join(' ')}`];
  if (/"record_type"\s*:\s*"accountingperiod"/.test(f.json) && /"(?:closed|alllocked|aplocked|arlocked)"\s*:\s*false/.test(f.json)) return [`${f.vendor}: accounting period reopened`];
  return [];
}

/** Fields of a person's identity and bank: national and tax numbers, date of birth, bank account. */
const IDENTITY_FIELD = /^(?:ssn|social_?security(?:_?number)?|national_?id|governmentids?|tax_?id|ird_?number|sin|date_?of_?birth|dob|birth_?date|iban|bank_?account(?:_?number)?|custombankaccount|employee_ssn|bank_account_number)$/i;

/** Identity numbers and bank accounts asked for in bulk: a listing, report or export whose fields include them. */
export function identityNumbersPulled(call: ToolCall): string[] {
  const f = financeCall(call);
  if (!f) return [];
  // (the fields a listing's query string selects count too: `?$select=workers/person/governmentIDs`)
  // (and flags that add them to a listing: `includeTaxDetails: true`, `includeBankAccounts: true`)
  const flags = [...f.json.matchAll(/"include_?(tax\w{0,20}|bank\w{0,20}|ssn|national\w{0,20})"\s*:\s*true/gi)].map((m) => m[1]!);
  const asked = [...[...f.json.matchAll(/"([\w/.]{1,64})"/g), ...f.query.matchAll(/([\w/.]{1,64})/g)].map((m) => m[1]!.split(/[/.]/).at(-1)!).filter((w) => IDENTITY_FIELD.test(w)), ...flags];
  const bulk = f.words.some((w) => /^(?:list|report|export|workers|employees|census|journal|query|generate)$/.test(w)) || /"(?:worker_id|employee_id)"\s*:\s*"\*"/.test(f.json) || /"(?:include_?terminated|limit|\$top)"/.test(f.json) || /\$top=/.test(f.query);
  return asked.length > 0 && bulk ? [`${f.vendor}: ${f.words.join(' ')} asks for ${[...new Set(asked)].slice(0, 4).join(', ')}`] : [];
}

/** A corporate card's full number or security code shown. */
export function cardNumberShown(call: ToolCall): string[] {
  const f = financeCall(call);
  return f && f.words.includes('card') && /"(?:pan|cvv|cvc|card_?number|full_?number)"/i.test(f.json) ? [`${f.vendor}: ${f.words.join(' ')} shows the card number`] : [];
}

/** Words of a call that sends money: a payout, transfer, wire, sweep or payment order, Mercury's `send_money`. */
const MONEY_OUT = /^(?:payout|payouts|transfer|transfers|sweep|sweeps|wire|wires|money)$/;
/** Words of a call that only undoes or looks at one. */
const NOT_SENDING = /^(?:cancel|cancels|void|reverse|reversal|delete|remove|estimate|quote|quotes|simulate)$/;

/**
 * Money sent out of a bank, spend or payment platform through its API or MCP tools: a payout, transfer, wire, payment
 * order or push sweep made. Whoever asked for it should be the one who confirms it.
 */
export function moneySentByCall(call: ToolCall): string[] {
  const f = financeCall(call) ?? commerceCall(call);
  if (!f?.writes || f.words.some((w) => NOT_SENDING.test(w))) return [];
  const sends = f.words.some((w) => MONEY_OUT.test(w)) || (f.words.includes('payment') && f.words.includes('order'));
  // (a sweep pulls money in, unless it pushes it out)
  if (!sends || (f.words.includes('sweep') && !/"type"\s{0,4}:\s{0,4}"push"/.test(f.json))) return [];
  return [`${f.vendor}: ${f.words.join(' ').slice(0, 80)}`];
}

/** Stripe's endpoints that send money out of the balance: payouts to a bank or card, transfers to a connected account. */
const STRIPE_MONEY_OUT = /^https:\/\/api\.stripe\.com\/v1\/(?:payouts|transfers)\/?$/;

/**
 * Money sent out of a payment platform from the shell: Stripe's CLI creating a payout or a transfer (unless its key
 * is a test one), or its API asked to by curl with the request's fields.
 */
export function moneySentByCommand(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'stripe') {
    const testKey = /^(?:sk|rk)_test_/.test(optionValue(a, ['--api-key']) ?? '');
    return (a[1] === 'payouts' || a[1] === 'transfers') && a[2] === 'create' && !testKey ? a.join(' ').slice(0, 200) : undefined;
  }
  if (c.name === 'curl') {
    const sends = a.some((w) => /^(?:-d|--data(?:-raw|-urlencode|-binary)?|-F|--form)$/.test(w) || /^--data(?:-raw|-urlencode|-binary)?=/.test(w));
    return sends && a.some((w) => STRIPE_MONEY_OUT.test(w.slice(0, 256))) && !a.some((w) => /(?:sk|rk)_test_/.test(w)) ? a.join(' ').slice(0, 200) : undefined;
  }
  return undefined;
}

/** Bank payment files: NACHA (ACH) batches, SEPA and ISO 20022 credit transfers (pain.001), Australian ABA files. */
// (and the files a BACS or positive-pay run leaves in its outbound folder: `/srv/bacs/out/HALV_BACS_240614.txt`)
const PAYMENT_FILE = /\.(?:ach|nacha|aba)$|pain\.?001[\w.-]{0,64}\.xml$|\/(?:bacs|positive-?pay)\/out(?:bound)?\/[^/]{1,128}$/i;
/** Programs that edit a file in place. */
const IN_PLACE_EDITORS = new Set(['sed', 'perl', 'awk', 'gawk', 'ed', 'ex']);

/**
 * A bank payment file edited by hand, by an in-place editor or a file tool, or appended to: the payments system
 * writes these and someone approves them, so an account or an entry changed afterwards sends money where nobody
 * approved.
 */
export function paymentFileEdited(path: string, editor: SimpleCommand | undefined, append = false): boolean {
  return PAYMENT_FILE.test(path) && (editor === undefined || IN_PLACE_EDITORS.has(editor.name) || append);
}

/** xmlstarlet's in-place edit (`ed -L`), which the shell's writers do not know, of a payment file. */
export function paymentXmlEdited(c: SimpleCommand): string | undefined {
  return c.name === 'xmlstarlet' && hasArg(c, 'ed', 'edit') && hasArg(c, '-L', '--inplace') && c.argv.some((w) => PAYMENT_FILE.test(w)) ? c.argv.join(' ').slice(0, 200) : undefined;
}

/** A webhook URL that stays on this machine or a developer's tunnel (`stripe listen` forwards the same way). */
const LOCAL_HOOK = /^https?:\/\/(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?:[:/]|$)|\.ngrok(?:-free)?\.(?:app|io|dev)(?:[:/]|$)/;

/**
 * A Stripe webhook endpoint made or moved for every event (`enabled_events[]=*`): each customer, charge, payout and
 * payment method of the account then reaches that host. Through the CLI, the API or an MCP tool.
 */
export function everyEventWebhook(call: ToolCall, commands: readonly SimpleCommand[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    if (c.name !== 'stripe' || c.argv[1] !== 'webhook_endpoints' || !['create', 'update'].includes(c.argv[2] ?? '')) continue;
    const url = optionValue(c.argv, ['--url']) ?? '';
    const every = c.argv.some((w) => /^enabled_events\[\]=\*$|^\*$/.test(w));
    if (every && url !== '' && !LOCAL_HOOK.test(url)) out.push(c.argv.join(' ').slice(0, 200));
  }
  if (call.kind === 'network' && /^https:\/\/api\.stripe\.com\/v1\/webhook_endpoints(?:\/|$)/.test(call.url) && call.method === 'POST') {
    const body = percentDecoded((call.body ?? '').slice(0, 8192), true);
    const url = /(?:^|&)url=([^&]{1,2048})/.exec(body)?.[1] ?? '';
    if (/(?:^|&)enabled_events\[\d*\]=\*(?:&|$)/.test(body) && url !== '' && !LOCAL_HOOK.test(url)) out.push(`POST ${call.url}: every event to ${url.slice(0, 120)}`);
  }
  if (call.kind === 'unknown' && /^mcp__stripe__(?:create|update)_webhook_endpoint$/.test(call.toolName)) {
    const p = (call.params ?? {}) as Record<string, unknown>;
    const url = typeof p.url === 'string' ? p.url : '';
    if (Array.isArray(p.enabled_events) && p.enabled_events.includes('*') && url !== '' && !LOCAL_HOOK.test(url)) out.push(`${call.toolName}: every event to ${url.slice(0, 120)}`);
  }
  return out;
}
