import type { SimpleCommand } from '../shell/types.js';
import type { ToolCall } from '../toolcall.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg, hasShortFlag, operands } from '../rule.js';
import { PERSONAL_MAIL_AT } from './payloads.js';
import { siteOf } from './telemetry-config.js';
import { commerceCall } from './commerce.js';

/**
 * Web hosting and the PHP applications on it (WordPress and wp-cli, Drupal and drush, Magento, Laravel, Joomla, cPanel
 * and Plesk): a web shell or backdoor planted where PHP runs it, an administrator made for someone outside, the
 * site's security plugins and PHP's restrictions taken away, the site or its account destroyed.
 */

/** A personal or throwaway mailbox, as an option's value or an operand. */
const outsideMailbox = (w: string) => w.length < 320 && PERSONAL_MAIL_AT.test(w);

/** `wp user create … --role=administrator`, `wp user set-role|add-role <user> administrator`, `wp super-admin add <user>`. */
export function siteAdminGrant(c: SimpleCommand): boolean {
  const a = c.argv;
  if (a[1] === 'super-admin') return a[2] === 'add';
  if (a[1] !== 'user') return false;
  if (a[2] === 'create') return a.some((w, k) => w === '--role=administrator' || (w === '--role' && a[k + 1] === 'administrator'));
  return (a[2] === 'set-role' || a[2] === 'add-role') && a.slice(3).includes('administrator');
}

/** An administrator made on a site or its hosting account for a personal or throwaway mailbox, or registration opened as admin. */
export function siteAdminForOutsider(c: SimpleCommand, line: readonly SimpleCommand[]): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 160);
  if (c.name === 'wp') {
    if (siteAdminGrant(c) && a[2] === 'create' && a.some(outsideMailbox)) return said();
    // anyone who signs up becomes an administrator
    if (a[1] === 'option' && a[2] === 'update' && a[3] === 'default_role' && a[4] === 'administrator') return said();
    return undefined;
  }
  if (c.name === 'magento') return a[1] === 'admin:user:create' && a.some(outsideMailbox) ? said() : undefined;
  if (c.name === 'plesk') return a[1] === 'bin' && /^(?:admin_alias|admin)$/.test(a[2] ?? '') && hasArg(c, '--create', '-c') && a.some(outsideMailbox) ? said() : undefined;
  // drush: the account made for an outside mailbox in the line that gives it the administrator role
  if (c.name === 'drush' && /^(?:user:create|ucrt|user-create)$/.test(a[1] ?? '') && a.some(outsideMailbox)) {
    const name = a[2] ?? '';
    return line.some((x) => x.name === 'drush' && /^(?:user:role:add|urol|user-add-role)$/.test(x.argv[1] ?? '') && x.argv[2] === 'administrator' && x.argv.includes(name)) ? said() : undefined;
  }
  // cPanel's WHM token with every privilege
  if (c.name === 'whmapi1' && a[1] === 'api_token_create' && a.some((w) => /^acl-\d+=all$/.test(w))) return said();
  return undefined;
}

/** Where PHP reads its settings per directory or per pool: `.user.ini`, `.htaccess`, `php.ini`, an FPM pool. */
const PHP_SETTINGS = /(?:^|\/)(?:\.user\.ini|\.htaccess|php\.ini|php-fpm\.conf)$|\/php\/[\d.]+\/(?:fpm|apache2|cli)\/(?:php\.ini|conf\.d\/[^/]+\.ini|pool\.d\/[^/]+\.conf)$|\/php-fpm\.d\/[^/]+\.conf$/;
/** A file PHP is told to run before or after every page (`auto_prepend_file = …`, `php_value auto_prepend_file …`). */
const PREPEND = /(?:\bauto_(?:prepend|append)_file\s{0,8}=|\bphp(?:_admin)?_value\s+auto_(?:prepend|append)_file\s|\bphp_admin_value\[auto_(?:prepend|append)_file\]\s{0,8}=)\s{0,8}["']?([^"'\s;]{1,512})/;

/**
 * A file PHP runs before every page, set where it would not be by a plugin that uses the setting (Wordfence's
 * `wordfence-waf.php`): one in an upload, image, translation or cache folder, a hidden file, a temp file, or no .php.
 */
export function prependedFromOddPlace(path: string, text: string): string | undefined {
  if (!PHP_SETTINGS.test(path)) return undefined;
  const prepend = PREPEND.exec(text.slice(0, 16384));
  const file = prepend?.[1] ?? '';
  return prepend && (/\/(?:uploads|images|smilies|languages|cache|tmp)\/|\/\.[^/]+$/.test(file) || !/\.php$/i.test(file) || file.startsWith('/tmp/')) ? prepend[0] : undefined;
}

/** The PHP a site's CLI runs now: `wp eval '…'`, `drush php:eval '…'`, `php artisan tinker --execute='…'`. */
export function phpCodeRunByCli(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'wp' && a[1] === 'eval') return a[2];
  if (c.name === 'drush' && /^(?:php:eval|php-eval|ev)$/.test(a[1] ?? '')) return a[2];
  return c.name === 'php' && a[1] === 'artisan' && a[2] === 'tinker' ? optionValue(a, ['--execute']) : undefined;
}

/** Security plugins and modules of WordPress and Drupal, by their slugs. */
const SECURITY_PLUGINS = /^(?:wordfence|sucuri-scanner|better-wp-security|ithemes-security-pro|solid-security|all-in-one-wp-security-and-firewall|wp-cerber|jetpack-protect|malcare-security|defender-security|wp-defender|shield-security|wp-simple-firewall|two-factor|wp-2fa|limit-login-attempts-reloaded|loginizer|ninjafirewall|bulletproof-security|secupress|tfa|security_review|captcha|honeypot|login_security|flood_control|paranoia|seckit)$/;

/** A security plugin switched off or deleted through WordPress's REST API (`POST /wp-json/wp/v2/plugins/wordfence/wordfence` with `status: inactive`). */
export function securityPluginOffByCall(call: ToolCall): string | undefined {
  if (call.kind !== 'network') return undefined;
  const slug = /\/wp-json\/wp\/v2\/plugins\/([\w-]{1,64})(?:\/|%2F)/i.exec(call.url)?.[1]?.toLowerCase();
  if (slug === undefined || !SECURITY_PLUGINS.test(slug)) return undefined;
  return call.method === 'DELETE' || /"status"\s{0,4}:\s{0,4}"inactive"/.test((call.body ?? '').slice(0, 4096)) ? `${call.method} ${call.url.slice(0, 120)}` : undefined;
}

/** A site's protections taken away through its tools: security plugins off, ModSecurity off, the host firewall's daemon off. */
export function siteSecurityOffBy(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'wp' && a[1] === 'plugin' && /^(?:deactivate|delete|uninstall)$/.test(a[2] ?? '')) return operands(c).slice(2).find((p) => SECURITY_PLUGINS.test(p));
  if (c.name === 'drush' && /^(?:pm:uninstall|pmu|pm-uninstall)$/.test(a[1] ?? '')) return operands(c).slice(1).find((p) => SECURITY_PLUGINS.test(p));
  // (a plugin's folder removed or moved aside: `rm -rf …/plugins/wordfence`)
  if (c.name === 'mv' || (c.name === 'rm' && (hasShortFlag(c, 'r') || hasShortFlag(c, 'R') || hasArg(c, '--recursive')))) return operands(c).map((p) => /\/plugins\/([\w-]{1,64})\/?$/.exec(p)?.[1]).find((slug) => slug !== undefined && SECURITY_PLUGINS.test(slug));
  if (c.name === 'a2dismod') return operands(c).find((m) => /^(?:security2|mod_security2?|evasive|evasive20)$/.test(m));
  // ConfigServer's firewall and login failure daemon, switched off together
  if (c.name === 'csf' && hasArg(c, '-x', '--disable')) return a.join(' ');
  return undefined;
}

/** A web server's or PHP's setting that takes a protection away: ModSecurity off, PHP's function limits cleared, a pool run as root. */
export function siteConfigWeakened(path: string, text: string): string | undefined {
  const t = text.slice(0, 16384);
  if (/modsecurity|mod_security|\/modsec\//.test(path)) return /^[ \t]{0,32}SecRuleEngine[ \t]{1,16}(?:Off|DetectionOnly)\b/m.exec(t)?.[0].trim();
  if (!PHP_SETTINGS.test(path)) return undefined;
  const cleared = /^[ \t]{0,32}(?:php_admin_value\[)?disable_functions\]?[ \t]{0,8}=[ \t]{0,8}(?:""|'')?[ \t]{0,8}$/m.exec(t);
  if (cleared) return `${cleared[0].trim()} (PHP's function limits cleared)`;
  if (/^[ \t]{0,32}allow_url_include[ \t]{0,8}=[ \t]{0,8}On\b/im.test(t)) return 'allow_url_include = On';
  // an FPM pool's processes run as root
  return /^[ \t]{0,32}(?:user|group)[ \t]{0,8}=[ \t]{0,8}root[ \t]{0,8}$/m.exec(t)?.[0].trim();
}

/** A site, its database or its hosting account destroyed through the platform's own tools; a local or staging site aside. */
export function siteDestroyed(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 160);
  const local = /(?:^|[/.-])(?:dev|test|local|staging|stage|lndo\.site|ddev\.site)(?:[/.-]|$)/.test(optionValue(a, ['--path', '--url']) ?? '');
  if (c.name === 'wp') {
    const wipe = (a[1] === 'site' && a[2] === 'empty' && hasArg(c, '--yes')) || (a[1] === 'db' && (a[2] === 'reset' || a[2] === 'clean') && hasArg(c, '--yes')) || (/^(?:plugin|theme)$/.test(a[1] ?? '') && a[2] === 'delete' && hasArg(c, '--all'));
    return wipe && !local ? said() : undefined;
  }
  if (c.name === 'drush') return /^(?:sql:drop|sql-drop)$/.test(a[1] ?? '') && hasArg(c, '-y', '--yes') ? said() : undefined;
  if (c.name === 'magento') return a[1] === 'setup:uninstall' ? said() : undefined;
  // Laravel refuses these on production without --force: given it, the production database goes
  if (c.name === 'php' && a[1] === 'artisan' && /^(?:migrate:fresh|migrate:reset|db:wipe)$/.test(a[2] ?? '')) return hasArg(c, '--force') ? said() : undefined;
  if (c.name === 'whmapi1') return a[1] === 'removeacct' ? said() : undefined;
  // (an old copy or backup by its name is housekeeping: `name=acmecorp_wp_old`)
  if (c.name === 'uapi') {
    const name = (a.find((w) => w.startsWith('name=')) ?? '').slice(5, 261);
    return a.includes('Mysql') && a.includes('delete_database') && !/^(?:tmp|test|dev)[-_.]|[-_.](?:old|bak|backup|copy|tmp|temp|test|dev|staging)\d{0,4}$/i.test(name) ? said() : undefined;
  }
  if (c.name === 'plesk') return a[1] === 'bin' && /^(?:subscription|site|domain|customer)$/.test(a[2] ?? '') && hasArg(c, '--remove', '-r') ? said() : undefined;
  // an FTP client's script that deletes the web root recursively (`lftp … -e "rm -r -f public_html"`)
  if (c.name === 'lftp') { const script = optionValue(a, ['-e', '-c']) ?? ''; return /\brm\s+(?:-[rf]+\s+){1,3}(?:\S*\/)?(?:public_html|www|htdocs|httpdocs|html)\/?(?:\s|;|$)/.test(script) ? said() : undefined; }
  return undefined;
}

/** The brands a skimmer's host wears, and the registered domains that are really theirs. */
const BRAND_SITES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['jquery', ['jquery.com']], ['jsdelivr', ['jsdelivr.net']], ['cdnjs', ['cloudflare.com']], ['cloudflare', ['cloudflare.com']],
  ['google', ['google.com', 'googleapis.com', 'googletagmanager.com', 'google-analytics.com', 'gstatic.com', 'googleusercontent.com', 'googlesyndication.com', 'googleadservices.com']], ['gstatic', ['gstatic.com']],
  ['magento', ['magento.com', 'adobe.com']], ['woocommerce', ['woocommerce.com']], ['wordpress', ['wordpress.org', 'wordpress.com']],
  ['stripe', ['stripe.com', 'stripe.network']], ['paypal', ['paypal.com', 'paypalobjects.com']], ['shopify', ['shopify.com', 'shopifycdn.com']],
  ['braintree', ['braintreegateway.com', 'braintree-api.com']], ['adyen', ['adyen.com']], ['klarna', ['klarna.com', 'klarnaservices.com']], ['bigcommerce', ['bigcommerce.com']],
];
/** Payment, analytics and CDN vendors whose scripts a checkout loads on purpose. */
const CHECKOUT_VENDORS = new Set(BRAND_SITES.flatMap(([, sites]) => sites).concat(['unpkg.com', 'recaptcha.net', 'hcaptcha.com', 'squareup.com', 'authorize.net', 'checkout.com', 'mollie.com', 'sentry-cdn.com', 'hotjar.com']));

/** A host that wears a platform's or a CDN's name but is none of its own (`cdn-jsdelivr.cc`, `magento-analytics.net`). */
function wearsBrand(host: string): boolean {
  const site = siteOf(host);
  return BRAND_SITES.some(([brand, sites]) => host.includes(brand) && !sites.includes(site));
}

/** The hosts of the scripts a piece of markup loads: `<script src="https://…">`, also protocol-relative. */
function scriptHosts(text: string): string[] {
  return [...text.slice(0, 32768).matchAll(/<script\b[^>]{0,200}?\bsrc\s{0,4}=\s{0,4}\\?["']?(?:https?:)?\/\/([A-Za-z0-9.-]{1,253})/gi)].map((m) => m[1]!.toLowerCase()).slice(0, 32);
}

/** A store's checkout or payment page, template or script. */
const CHECKOUT_FILE = /(?:checkout|onepage|payment|cart)[^/]{0,64}\.(?:phtml|php|html?|twig|liquid|tpl|js)$/i;
/** A WordPress theme's functions file, which prints into the checkout through WooCommerce's checkout hooks. */
const THEME_FUNCTIONS = /\/wp-content\/themes\/[^/]{1,128}\/functions\.php$/;
const CHECKOUT_HOOK = /woocommerce_(?:(?:before|after)_checkout\w{0,32}|checkout\w{0,32}|review_order\w{0,32})/;

/**
 * What a write plants in a store's checkout: a script from a host that is no payment, analytics or CDN vendor's, or
 * a file from a temp folder appended to a checkout script (`cat /tmp/sk.js >> …/checkout.min.js`).
 */
export function skimmerWritten(path: string, text: string, copiedFromTemp: boolean): string | undefined {
  if (!CHECKOUT_FILE.test(path) && !(THEME_FUNCTIONS.test(path) && CHECKOUT_HOOK.test(text.slice(0, 32768)))) return undefined;
  if (copiedFromTemp) return 'a temp file appended to the checkout';
  return scriptHosts(text).find((h) => wearsBrand(h) || !CHECKOUT_VENDORS.has(siteOf(h)));
}

/** Where a store's own tools place a script on the checkout or the order-status page. */
const CHECKOUT_PLACE = /checkout|order_?status|thank_?you/i;
/** A script loaded by markup, by code that sets one's source, or by a script-tag API's `src` field. */
const SCRIPT_SOURCE = /(?:<script\b[^>]{0,200}?\bsrc\s{0,4}=\s{0,4}\\?["']?|\.src\s{0,4}=\s{0,4}\\?["']|"src"\s{0,4}:\s{0,4}")(?:https?:)?\/\/([A-Za-z0-9.-]{1,253})/gi;
/** Card fields an inline script reads, and the ways it sends them. */
const CARD_FIELDS = /verification_value|\bcvv\b|\bcvc\b|card_?number|cc_?(?:number|num)|credit_?card|\bexpiry\b/i;
const SENDS = /\b(?:fetch|sendBeacon|XMLHttpRequest|new\s{1,4}Image)\b/;
/** A customer's details templated into an outside address (`<img src="https://…?e={{ customer.email }}">`). */
const CUSTOMER_IN_URL = /(?:src|href)\s{0,4}=\s{0,4}\\?["']https?:\/\/([A-Za-z0-9.-]{1,253})[^"'\\\s]{0,400}\{\{\s{0,4}(?:customer|checkout|order)\.(?:email|phone|default_address|billing_address|shipping_address)/i;

/**
 * What a store's own API, MCP tool or database query plants in its storefront: a script from a host wearing a
 * platform's or CDN's name, or from any host that is no vendor's on the checkout or order-status page; an inline
 * script that reads the card fields and sends them; a customer's details templated into an outside address.
 */
export function skimmerInCall(call: ToolCall): string | undefined {
  const store = commerceCall(call);
  const text = call.kind === 'database' ? (/\b(?:INSERT|UPDATE|REPLACE)\b/i.test(call.query) ? call.query.slice(0, 32768) : undefined) : store?.writes ? store.json : undefined;
  if (text === undefined || (!text.includes('src') && !text.includes('<script'))) return undefined;
  const checkout = CHECKOUT_PLACE.test(text);
  const outside = (h: string) => wearsBrand(h) || (checkout && !CHECKOUT_VENDORS.has(siteOf(h)));
  const host = [...text.matchAll(SCRIPT_SOURCE)].slice(0, 32).map((m) => m[1]!.toLowerCase()).find(outside);
  if (host) return `a script from ${host}`;
  const elsewhere = [...text.matchAll(/https?:\/\/([A-Za-z0-9.-]{1,253})/g)].slice(0, 32).some((m) => !CHECKOUT_VENDORS.has(siteOf(m[1]!.toLowerCase())));
  if (elsewhere && CARD_FIELDS.test(text) && SENDS.test(text)) return 'a script that sends the card fields';
  const templated = CUSTOMER_IN_URL.exec(text)?.[1]?.toLowerCase();
  return templated !== undefined && !CHECKOUT_VENDORS.has(siteOf(templated)) ? `customer details sent to ${templated}` : undefined;
}

/** A script from a host that wears a platform's or CDN's name put into a site's settings or every page: `config:set design/head/includes`, `search-replace '</head>' …`. */
export function skimmerInjectedBy(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const injects = (c.name === 'wp' && a[1] === 'search-replace') || (c.name === 'magento' && a[1] === 'config:set') || /^(?:mysql|mariadb|psql)$/.test(c.name) || (c.name === 'wp' && a[1] === 'db' && a[2] === 'query');
  return injects ? a.slice(1).flatMap(scriptHosts).find(wearsBrand) : undefined;
}

/** A rewrite that sends visitors from a search engine, or its crawler, to another site: a cloaked SEO redirect. */
const SEARCH_ENGINE_COND = /RewriteCond[ \t]{1,16}%\{HTTP_(?:REFERER|USER_AGENT)\}[^\n]{0,120}(?:google|bing|yahoo|yandex|baidu|duckduckgo)/i;
const OUTSIDE_REWRITE = /RewriteRule[ \t]{1,16}\S{1,200}[ \t]{1,16}https?:\/\//i;

/** What a write does to a site's visitors: search traffic sent elsewhere by .htaccess. */
export function cloakedRedirectWritten(path: string, text: string): string | undefined {
  const t = text.slice(0, 16384);
  return /(?:^|\/)\.htaccess$/.test(path) && SEARCH_ENGINE_COND.test(t) && OUTSIDE_REWRITE.test(t) ? OUTSIDE_REWRITE.exec(t)![0] : undefined;
}

/** Links hidden in every published post (`UPDATE wp_posts SET post_content = CONCAT(…, '<div style="display:none"><a href=…')`). */
export function hiddenLinksInjectedBy(c: SimpleCommand): string | undefined {
  if (!/^(?:mysql|mariadb|psql)$/.test(c.name) && !(c.name === 'wp' && (c.argv[1] === 'db' || c.argv[1] === 'search-replace'))) return undefined;
  const text = c.argv.slice(1).join(' ').slice(0, 16384);
  return /\bposts\b|post_content/i.test(text) && /display\s{0,4}:\s{0,4}none/i.test(text) && /<a\s{1,4}href\s{0,4}=/i.test(text) ? text.slice(0, 160) : undefined;
}
