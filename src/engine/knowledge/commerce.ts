import type { ToolCall } from '../toolcall.js';
import { accessGranted, readBusinessCall, type BusinessCall, type Vendors } from './business-call.js';
import { classifyHost, destinationOf, EXFIL_KINDS } from './hosts.js';
import { memoizeOn } from './memo.js';

/**
 * Online stores and the services around them, changed through an agent's tools: Shopify, WooCommerce, BigCommerce,
 * Magento and commercetools; the payment gateways Adyen, Braintree, Square and PayPal; shipping (ShipStation,
 * EasyPost, Shippo), tax (Avalara), marketing and customer data (Klaviyo, Mailchimp, Segment, Attentive) and loyalty
 * (Yotpo, Smile.io). The money and the customers' details are in these systems, so the readers below answer what a
 * call gives away of them: goods for nothing, store credit, refunds to cards that never paid, the catalog's prices,
 * every customer's details, the store's events to a catcher, access for an outsider.
 */

const COMMERCE: Vendors = {
  byServer: new Map([
    ['shopify', ['shopify.com', 'myshopify.com']], ['woocommerce', ['woocommerce.com']], ['wordpress', ['wordpress.com']], ['bigcommerce', ['bigcommerce.com']],
    ['magento', ['magento.com', 'adobe.com']], ['commercetools', ['commercetools.com']], ['adyen', ['adyen.com', 'adyenpayments.com']],
    ['braintree', ['braintree-api.com', 'braintreegateway.com', 'braintreepayments.com']], ['square', ['squareup.com', 'squareupsandbox.com']], ['paypal', ['paypal.com']],
    ['shipstation', ['shipstation.com']], ['easypost', ['easypost.com']], ['shippo', ['goshippo.com']], ['avalara', ['avalara.com', 'avalara.net']],
    ['klaviyo', ['klaviyo.com']], ['mailchimp', ['mailchimp.com']], ['segment', ['segment.com', 'segmentapis.com', 'segment.io']], ['attentive', ['attentivemobile.com', 'attentive.com']],
    ['yotpo', ['yotpo.com']], ['smile', ['smile.io']],
  ]),
  api: /\/\/(?:[\w-]+\.)*(?:myshopify\.com|shopify\.com|bigcommerce\.com|commercetools\.com|adyen\.com|adyenpayments\.com|braintree-api\.com|braintreegateway\.com|squareup\.com|squareupsandbox\.com|paypal\.com|shipstation\.com|easypost\.com|goshippo\.com|avalara\.(?:com|net)|klaviyo\.com|mailchimp\.com|segmentapis\.com|segment\.io|attentivemobile\.com|yotpo\.com|smile\.io)(?:[:/]|$)|\/wp-json\/(?:wc|wp)\/v\d|\/rest\/(?:[\w-]{1,32}\/)?V1\//,
  // (WooCommerce and WordPress answer on the store's own host, Magento on its own too)
  byPath: [[/\/wp-json\/wc\//, 'woocommerce'], [/\/wp-json\/wp\//, 'wordpress'], [/\/rest\/(?:[\w-]{1,32}\/)?V1\//, 'magento']],
};

/** A call to one of these systems, read once. */
export const commerceCall = memoizeOn((call: ToolCall) => readBusinessCall(call, COMMERCE));

const said = (f: BusinessCall, what: string) => [`${f.vendor}: ${f.words.join(' ').slice(0, 80)}: ${what}`];
const named = (f: BusinessCall, words: RegExp) => f.words.some((w) => words.test(w));

/** A discount's size as these systems spell 100 % off: Shopify's `percentage: 1.0`, the others' percent type with 100. */
const ALL_OFF = /"(?:percentage|discount_?percentage)"\s{0,4}:\s{0,4}"?(?:1(?:\.0{1,6})?|100(?:\.0{1,6})?)"?\s{0,4}[,}]/i;
const PERCENT_TYPE = /"(?:discount_?type|type|simple_action|value_?type)"\s{0,4}:\s{0,4}"(?:percent\w{0,24}|by_percent)"/i;
const HUNDRED = /"(?:amount|discount_?amount|value)"\s{0,4}:\s{0,4}"?100(?:\.0{1,6})?"?\s{0,4}[,}]/i;
/** A limit on how often a discount can be used, set to a number. */
const USE_LIMIT = /"(?:usage_?limit|max_?uses|uses_per_coupon|max_?applications)"\s{0,4}:\s{0,4}"?[1-9]/i;

/** A discount, coupon or price rule of 100 % off that anyone can use any number of times: the store's goods for nothing. */
export function freeForAnyone(call: ToolCall): string[] {
  const f = commerceCall(call);
  if (!f?.writes || !named(f, /^(?:discount|discounts|coupon|coupons|rule|rules|promotion|promotions|pricerule)$/)) return [];
  const all = ALL_OFF.test(f.json) || (PERCENT_TYPE.test(f.json) && HUNDRED.test(f.json));
  return all && !USE_LIMIT.test(f.json) ? said(f, '100% off with no limit on uses') : [];
}

/** The largest number a field of these names holds in the text (`"initialValue": "750.00"`). */
function largest(json: string, field: RegExp): number {
  let max = 0;
  for (const m of json.matchAll(field)) max = Math.max(max, Number(m[1]));
  return max;
}
const MONEY = /"(?:initial_?value|amount|balance)"\s{0,4}:\s{0,4}"?(\d{1,9})(?:\.\d{1,4})?"?\s{0,4}[,}]/gi;
const CENTS = /"amount_money"\s{0,4}:\s{0,4}\{\s{0,4}"amount"\s{0,4}:\s{0,4}(\d{1,12})/g;
const POINTS = /"(?:points?_?change|point_?adjustment_?amount|points_?amount|points)"\s{0,4}:\s{0,4}"?(\d{1,12})/gi;
const COUNT = /"(?:count|quantity|number_?of_?cards)"\s{0,4}:\s{0,4}"?(\d{1,9})/gi;

/**
 * Store credit handed out in bulk or in large amounts: gift cards and certificates worth 500 or more or five or more
 * at once, a fixed-amount coupon of 500 or more, tens of thousands of loyalty points. (A goodwill card of 25 for a late
 * order, or a missed birthday bonus, is support's everyday work.)
 */
export function storeCreditGiven(call: ToolCall): string[] {
  const f = commerceCall(call);
  if (!f?.writes || named(f, /^refunds?$/)) return [];
  if (named(f, /^points?$/)) { const points = largest(f.json, POINTS); return points >= 10000 ? said(f, `${points} points`) : []; }
  const credit = named(f, /^(?:gift|giftcard|giftcards|certificate|certificates|credit)$/) || (named(f, /^coupons?$/) && /"discount_?type"\s{0,4}:\s{0,4}"fixed/i.test(f.json));
  if (!credit) return [];
  const value = Math.max(largest(f.json, MONEY), largest(f.json, CENTS) / 100);
  const count = largest(f.json, COUNT);
  return value >= 500 || count >= 5 ? said(f, count >= 5 ? `${count} at once` : `worth ${value}`) : [];
}

/**
 * A refund paid to a card that never paid: Adyen's `refundWithData`, Square's unlinked refund, a Braintree credit to a
 * stored payment method rather than back on a transaction. Refunds go back on the payment they return.
 */
export function refundElsewhere(call: ToolCall): string[] {
  const f = commerceCall(call);
  if (!f?.writes || !named(f, /^refunds?$/)) return [];
  if (f.vendor === 'adyen' && f.words.includes('data')) return said(f, 'a refund with card data of its own');
  if (/"unlinked"\s{0,4}:\s{0,4}true/.test(f.json)) return said(f, 'an unlinked refund');
  if (f.vendor === 'braintree' && f.words.includes('credit') && f.json.includes('"paymentMethodId"') && !/"transaction_?id"/i.test(f.json)) return said(f, 'a credit to a stored payment method');
  return [];
}

const ZERO_PRICE = /"(?:price|regular_price|base_price)"\s{0,4}:\s{0,4}"?0(?:\.0{1,4})?"?\s{0,4}[,}]|"price_money"\s{0,4}:\s{0,4}\{\s{0,4}"amount"\s{0,4}:\s{0,4}0\s{0,4}[,}]/g;
const ZERO_STOCK = /"(?:quantity|stock_quantity|available|inventory_level)"\s{0,4}:\s{0,4}"?0"?\s{0,4}[,}]/g;

/** Several products' prices set to nothing, or several items' stock to none, in one call: checkout for free, or the store emptied. */
export function catalogZeroed(call: ToolCall): string[] {
  const f = commerceCall(call);
  if (!f?.writes) return [];
  const prices = [...f.json.matchAll(ZERO_PRICE)].length;
  const stock = [...f.json.matchAll(ZERO_STOCK)].length;
  return prices >= 2 ? said(f, `${prices} prices set to 0`) : stock >= 3 ? said(f, `${stock} items' stock set to 0`) : [];
}

/** Words of a call that subscribes a URL to the store's events. */
const SUBSCRIBES = /^(?:webhook|webhooks|hook|hooks|subscription|subscriptions|subscribe|destination|destinations|notification|notifications|callback)$/;

/** The store's events sent to a webhook catcher, paste site, file drop, raw address or look-alike host. */
export function eventsToCatcher(call: ToolCall): string[] {
  const f = commerceCall(call);
  if (!f?.writes || !named(f, SUBSCRIBES)) return [];
  // (a developer's tunnel and a chat channel's webhook are where a team's own notifications go)
  const catcher = (h: string) => { const kind = classifyHost(h); return EXFIL_KINDS.has(kind) && kind !== 'tunnel' && kind !== 'chat-webhook'; };
  const host = [...f.json.matchAll(/https?:\/\/[^"\\\s]{1,2048}/g)].map((m) => destinationOf(m[0])?.host ?? '').find((h) => h !== '' && catcher(h));
  return host ? said(f, `events to ${host}`) : [];
}

/** A topic that stands for every event of its kind (`*`, `store/order/*`), or a message subscription for all of a resource's types. */
const EVERY_TOPIC = /"(?:scope|topic|topics|event|events|event_?types|name)"\s{0,4}:\s{0,4}\[?\s{0,4}(?:\{\s{0,4}"name"\s{0,4}:\s{0,4})?"(?:\*|[\w/.-]{1,64}\/\*)"|"types"\s{0,4}:\s{0,4}\[\s{0,4}\]/;

/** A webhook or subscription made for every event of the store or of its orders and customers. */
export function everyStoreEvent(call: ToolCall): string[] {
  const f = commerceCall(call);
  return f?.writes && named(f, SUBSCRIBES) && EVERY_TOPIC.test(f.json) ? said(f, 'every event') : [];
}

/** The sizes a listing asks for (`limit`, `per_page`, `pageSize`, `first`). */
const PAGE_SIZE = /"(?:limit|per_?page|page_?size|count|first)"\s{0,4}:\s{0,4}"?(\d{1,7})/gi;
/** Customers' contact fields in a bulk query. */
const CONTACT_FIELDS = /\b(?:email|phone|address1|defaultAddress|addresses)\b/;

/** Every customer's details listed, a hundred or more a page, or a bulk export of customers with their contact fields. */
export function customersPulled(call: ToolCall): string[] {
  const f = commerceCall(call);
  if (!f) return [];
  if (f.words.includes('bulk') && /\bcustomers\s{0,4}[({]/.test(f.json) && CONTACT_FIELDS.test(f.json)) return said(f, 'a bulk export of customers');
  if (f.writes || !named(f, /^(?:customers|profiles|members|subscribers|contacts|shoppers)$/)) return [];
  const size = largest(f.json, PAGE_SIZE);
  return size >= 100 ? said(f, `${size} a page`) : [];
}

/** A payment setting of 3-D Secure, fraud screening or the address and card checks, by its name. */
const FRAUD_SETTING = /3d_?secure|three_?d_?secure|active_3ds|\b3ds\b|fraud_?(?:protection|filter|screening|check)|risk_?(?:check|rules)|avs_?check|cvv_?check/i;

/** Payment fraud checks turned off: a setting of 3-D Secure or fraud screening set to off, through the store's API or its database. */
export function fraudChecksOff(call: ToolCall): string[] {
  if (call.kind === 'database') {
    const q = call.query.slice(0, 16384);
    return /\bUPDATE\b[^;]{0,200}\bSET\s{1,8}value\s{0,4}=\s{0,4}'?(?:0|false|off|disabled)'?/i.test(q) && FRAUD_SETTING.test(q) ? [`${q.slice(0, 120)}`] : [];
  }
  const f = commerceCall(call);
  if (!f?.writes) return [];
  const off = /"([\w.-]{1,64})"\s{0,4}:\s{0,4}(?:false|"?(?:0|off|disabled|never)"?)\s{0,4}[,}]/g;
  for (const m of f.json.matchAll(off)) if (FRAUD_SETTING.test(m[1]!)) return said(f, `${m[1]} off`);
  return [];
}

/** Access given to an outsider (`accessGranted`) in one of these systems. */
export function storeAccessForOutsider(call: ToolCall): string[] {
  const f = commerceCall(call);
  return f ? accessGranted(f, COMMERCE.byServer.get(f.vendor) ?? []) : [];
}
