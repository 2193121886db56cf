import { distance } from './edit-distance.js';
import { memoize } from './memo.js';
/** Where a network destination sits, as far as an agent's command is concerned. */
export type HostKind =
  | 'loopback'
  | 'private'
  | 'metadata'
  | 'paste'
  | 'webhook'
  | 'file-drop'
  | 'tunnel'
  | 'oast'
  | 'chat-webhook'
  | 'onion'
  | 'raw-ip'
  | 'dynamic-dns'
  | 'developer'
  /** a storage bucket (`s3://b`, `gs://b`, an Azure account): whose it is, the command does not say */
  | 'cloud-bucket'
  /** a host that wears a well-known domain as its first labels (`login.microsoftonline.com.auth-verify.co`) */
  | 'lookalike'
  | 'other';

/** Hosts by suffix. Suffix matching is on the parsed host name, never on the raw command text. */
const HOST_SUFFIXES: ReadonlyArray<[string, HostKind]> = [
  ['pastebin.com', 'paste'], ['paste.ee', 'paste'], ['hastebin.com', 'paste'], ['ghostbin.com', 'paste'], ['ghostbin.co', 'paste'], ['dpaste.com', 'paste'], ['dpaste.org', 'paste'], ['paste.rs', 'paste'], ['termbin.com', 'paste'], ['ix.io', 'paste'], ['sprunge.us', 'paste'], ['0x0.st', 'file-drop'], ['controlc.com', 'paste'], ['rentry.co', 'paste'], ['pastes.io', 'paste'], ['privatebin.net', 'paste'], ['justpaste.it', 'paste'], ['paste.c-net.org', 'paste'], ['bpa.st', 'paste'], ['paste.debian.net', 'paste'], ['paste.ubuntu.com', 'paste'], ['pastebin.pl', 'paste'], ['clbin.com', 'paste'], ['pastie.io', 'paste'], ['paste.mozilla.org', 'paste'], ['katb.in', 'paste'], ['zerobin.net', 'paste'], ['hastebin.skyra.pw', 'paste'], ['p.ip.fi', 'paste'], ['envs.sh', 'file-drop'], ['x0.at', 'file-drop'], ['ttm.sh', 'file-drop'], ['qu.ax', 'file-drop'],
  ['webhook.site', 'webhook'], ['requestbin.com', 'webhook'], ['requestbin.net', 'webhook'], ['pipedream.net', 'webhook'], ['m.pipedream.net', 'webhook'], ['hookbin.com', 'webhook'], ['beeceptor.com', 'webhook'], ['requestcatcher.com', 'webhook'], ['postb.in', 'webhook'], ['ptsv2.com', 'webhook'], ['ptsv3.com', 'webhook'], ['webhook.cool', 'webhook'], ['mockbin.org', 'webhook'], ['hookdeck.com', 'webhook'], ['typedwebhook.tools', 'webhook'], ['requestinspector.com', 'webhook'], ['webhook-test.com', 'webhook'], ['putsreq.com', 'webhook'], ['hookb.in', 'webhook'], ['requestbin.io', 'webhook'], ['webhookrelay.com', 'webhook'], ['smee.io', 'webhook'], ['free.beeceptor.com', 'webhook'], ['mockable.io', 'webhook'], ['requestbin.fullcontact.com', 'webhook'], ['inspectbin.com', 'webhook'],
  ['transfer.sh', 'file-drop'], ['file.io', 'file-drop'], ['anonfiles.com', 'file-drop'], ['anonfiles.la', 'file-drop'], ['anonfiles.me', 'file-drop'], ['gofile.io', 'file-drop'], ['temp.sh', 'file-drop'], ['bashupload.com', 'file-drop'], ['oshi.at', 'file-drop'], ['catbox.moe', 'file-drop'], ['litterbox.catbox.moe', 'file-drop'], ['uguu.se', 'file-drop'], ['filebin.net', 'file-drop'], ['keep.sh', 'file-drop'], ['wetransfer.com', 'file-drop'], ['mega.nz', 'file-drop'], ['sendspace.com', 'file-drop'], ['tmpfiles.org', 'file-drop'], ['pixeldrain.com', 'file-drop'], ['files.catbox.moe', 'file-drop'], ['bayfiles.com', 'file-drop'], ['anonfile.com', 'file-drop'], ['filetransfer.io', 'file-drop'], ['wormhole.app', 'file-drop'], ['ufile.io', 'file-drop'], ['easyupload.io', 'file-drop'], ['krakenfiles.com', 'file-drop'], ['fileditch.com', 'file-drop'], ['transfer.pm', 'file-drop'], ['send.vis.ee', 'file-drop'], ['filebin.ca', 'file-drop'], ['dropmefiles.com', 'file-drop'], ['files.fm', 'file-drop'], ['1fichier.com', 'file-drop'],
  ['ngrok.io', 'tunnel'], ['ngrok-free.app', 'tunnel'], ['ngrok.app', 'tunnel'], ['ngrok.dev', 'tunnel'], ['trycloudflare.com', 'tunnel'], ['serveo.net', 'tunnel'], ['localhost.run', 'tunnel'], ['lhr.life', 'tunnel'], ['loca.lt', 'tunnel'], ['localtunnel.me', 'tunnel'], ['pagekite.me', 'tunnel'], ['telebit.cloud', 'tunnel'], ['bore.pub', 'tunnel'], ['tunnelto.dev', 'tunnel'], ['pinggy.io', 'tunnel'], ['pinggy.link', 'tunnel'], ['playit.gg', 'tunnel'], ['portmap.io', 'tunnel'], ['devtunnels.ms', 'tunnel'], ['ngrok-free.dev', 'tunnel'], ['loclx.io', 'tunnel'], ['localxpose.io', 'tunnel'], ['tunnelmole.net', 'tunnel'], ['zrok.io', 'tunnel'], ['localtonet.com', 'tunnel'], ['sharedwithexpose.com', 'tunnel'], ['expose.dev', 'tunnel'], ['packetriot.com', 'tunnel'], ['ssh.localhost.run', 'tunnel'], ['srv.us', 'tunnel'], ['ngrok.pro', 'tunnel'], ['tailscale.net', 'other'],
  ['interact.sh', 'oast'], ['oast.pro', 'oast'], ['oast.live', 'oast'], ['oast.site', 'oast'], ['oast.online', 'oast'], ['oast.fun', 'oast'], ['oast.me', 'oast'], ['burpcollaborator.net', 'oast'], ['oastify.com', 'oast'], ['dnslog.cn', 'oast'], ['ceye.io', 'oast'], ['canarytokens.com', 'oast'], ['requestrepo.com', 'oast'], ['dnsbin.zhack.ca', 'oast'], ['xss.ht', 'oast'], ['oast.sh', 'oast'], ['interactsh.com', 'oast'], ['canarytokens.org', 'oast'], ['canarytokens.net', 'oast'], ['pingb.in', 'oast'], ['dnslog.link', 'oast'], ['dnslog.pw', 'oast'], ['eyes.sh', 'oast'], ['dig.pm', 'oast'], ['bxss.me', 'oast'], ['xss.report', 'oast'], ['burpcollaborator.me', 'oast'], ['r87.me', 'oast'], ['ssrf.cc', 'oast'], ['dnsbin.net', 'oast'], ['requestrepo.net', 'oast'],
  ['discord.com', 'chat-webhook'], ['discordapp.com', 'chat-webhook'], ['hooks.slack.com', 'chat-webhook'], ['api.telegram.org', 'chat-webhook'], ['outlook.office.com', 'chat-webhook'], ['webhook.office.com', 'chat-webhook'], ['chat.googleapis.com', 'chat-webhook'], ['api.pushover.net', 'chat-webhook'], ['ntfy.sh', 'chat-webhook'], ['discord.gg', 'chat-webhook'],
  ['duckdns.org', 'dynamic-dns'], ['no-ip.com', 'dynamic-dns'], ['no-ip.org', 'dynamic-dns'], ['ddns.net', 'dynamic-dns'], ['hopto.org', 'dynamic-dns'], ['zapto.org', 'dynamic-dns'], ['sytes.net', 'dynamic-dns'], ['serveftp.com', 'dynamic-dns'], ['dynu.com', 'dynamic-dns'], ['freedns.afraid.org', 'dynamic-dns'], ['3utilities.com', 'dynamic-dns'], ['dyndns.org', 'dynamic-dns'], ['dynv6.net', 'dynamic-dns'], ['freeddns.org', 'dynamic-dns'], ['servebeer.com', 'dynamic-dns'], ['myftp.org', 'dynamic-dns'], ['myftp.biz', 'dynamic-dns'], ['servehttp.com', 'dynamic-dns'], ['ddnsking.com', 'dynamic-dns'], ['ydns.eu', 'dynamic-dns'], ['mooo.com', 'dynamic-dns'], ['chickenkiller.com', 'dynamic-dns'], ['dynns.com', 'dynamic-dns'], ['ignorelist.com', 'dynamic-dns'], ['changeip.com', 'dynamic-dns'], ['ddns.me', 'dynamic-dns'], ['duckdns.net', 'dynamic-dns'], ['afraid.org', 'dynamic-dns'],
  // public MQTT brokers, where anyone who knows a topic reads what is published to it and publishes commands to it
  ['broker.hivemq.com', 'webhook'], ['broker.emqx.io', 'webhook'], ['test.mosquitto.org', 'webhook'], ['mqtt.eclipseprojects.io', 'webhook'], ['public.mqtthq.com', 'webhook'], ['broker.mqttdashboard.com', 'webhook'],
  // a gist is a paste site on GitHub's domain: one person's text, changed at will, behind no release
  ['gist.githubusercontent.com', 'paste'], ['gist.github.com', 'paste'],
  ['github.com', 'developer'], ['api.github.com', 'developer'], ['githubusercontent.com', 'developer'], ['gitlab.com', 'developer'], ['bitbucket.org', 'developer'], ['npmjs.org', 'developer'], ['npmjs.com', 'developer'], ['registry.yarnpkg.com', 'developer'], ['pypi.org', 'developer'], ['files.pythonhosted.org', 'developer'], ['pytorch.org', 'developer'], ['anaconda.org', 'developer'], ['anaconda.com', 'developer'], ['maven.org', 'developer'], ['gradle.org', 'developer'], ['crates.io', 'developer'], ['static.crates.io', 'developer'], ['rubygems.org', 'developer'], ['golang.org', 'developer'], ['go.dev', 'developer'], ['proxy.golang.org', 'developer'], ['docker.io', 'developer'], ['docker.com', 'developer'], ['ghcr.io', 'developer'], ['quay.io', 'developer'], ['gcr.io', 'developer'], ['pkg.dev', 'developer'], ['ecr.aws', 'developer'], ['k8s.io', 'developer'], ['terraform.io', 'developer'], ['hashicorp.com', 'developer'], ['debian.org', 'developer'], ['ubuntu.com', 'developer'], ['nodejs.org', 'developer'], ['python.org', 'developer'], ['rust-lang.org', 'developer'], ['rustup.rs', 'developer'], ['brew.sh', 'developer'], ['deno.land', 'developer'], ['nixos.org', 'developer'], ['cachix.org', 'developer'], ['flakehub.com', 'developer'], ['garnix.io', 'developer'], ['bun.sh', 'developer'], ['codecov.io', 'developer'], ['jsdelivr.net', 'developer'], ['unpkg.com', 'developer'], ['cloudflare.com', 'developer'], ['amazonaws.com', 'developer'], ['googleapis.com', 'developer'], ['microsoft.com', 'developer'], ['localhost', 'loopback'],
];

const METADATA_HOSTS = new Set(['169.254.169.254', 'metadata.google.internal', 'metadata.goog', '169.254.170.2', 'fd00:ec2::254', '100.100.100.200', 'metadata.azure.com', '169.254.169.123']);

export interface Destination {
  host: string;
  kind: HostKind;
  url?: string;
  port?: number;
}

/** Not this machine and not its private network. */
export const external = (d: Destination) => d.kind !== 'loopback' && d.kind !== 'private';

export const classifyHost = memoize(classifyHostName);

/** A hosts file's entries: each line's address and the names after it, up to a comment (512 lines, 16 names each). */
export function hostsEntries(text: string): Array<{ ip: string; names: string[] }> {
  const out: Array<{ ip: string; names: string[] }> = [];
  for (const line of text.slice(0, 16384).split('\n', 512)) {
    const [ip, ...rest] = line.trim().split(/\s+/);
    if (ip === undefined || ip === '' || ip.startsWith('#')) continue;
    const end = rest.findIndex((n) => n.startsWith('#'));
    out.push({ ip, names: (end < 0 ? rest : rest.slice(0, end)).slice(0, 16) });
  }
  return out;
}

function classifyHostName(hostRaw: string): HostKind {
  const host = hostRaw.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (METADATA_HOSTS.has(host)) return 'metadata';
  if (host === 'localhost' || host === '::1' || host.endsWith('.localhost') || /^127\./.test(host) || host === '0.0.0.0' || host === 'host.docker.internal') return 'loopback';
  if (host.endsWith('.onion')) return 'onion';
  const v4 = parseIPv4(host);
  if (v4) {
    const [a, b] = v4;
    if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127)) return 'private';
    if (a === 169 && b === 254) return 'metadata';
    return 'raw-ip';
  }
  // `2852039166` and `0xa9fea9fe` are 169.254.169.254 to every HTTP client
  if (/^[0-9]{8,10}$/.test(host) || /^0x[0-9a-f]{1,8}$/.test(host)) {
    const n = Number(host);
    if (n <= 0xffffffff) return classifyHost([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'));
    return 'raw-ip';
  }
  // and so is `0251.0376.0251.0376` or `0xa9.0xfe.0xa9.0xfe`: dotted parts in octal or hex, as inet_aton reads them
  const parts = host.split('.');
  if (parts.length === 4 && parts.every((x) => /^(?:0x[0-9a-f]{1,2}|0[0-7]{1,3}|[1-9]?\d{1,2})$/.test(x)) && parts.some((x) => x.length > 1 && x.startsWith('0'))) {
    const bytes = parts.map((x) => (x.startsWith('0x') ? parseInt(x.slice(2), 16) : x.length > 1 && x.startsWith('0') ? parseInt(x, 8) : Number(x)));
    if (bytes.every((b) => b <= 255)) return classifyHost(bytes.join('.'));
  }
  // an IPv4 address written as IPv6 (`::ffff:a9fe:a9fe`, `::ffff:169.254.169.254`) is that address
  const mapped = /^::ffff:(?:([0-9a-f]{1,4}):([0-9a-f]{1,4})|(\d{1,3}(?:\.\d{1,3}){3}))$/.exec(host);
  if (mapped) {
    if (mapped[3] !== undefined) return classifyHost(mapped[3]);
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return classifyHost([hi >>> 8, hi & 255, lo >>> 8, lo & 255].join('.'));
  }
  if (host.includes(':')) return /^f[cd]|^fe80/.test(host) ? 'private' : 'raw-ip';
  // wildcard DNS that answers with the address spelled in the name: `169.254.169.254.nip.io` is the metadata service
  const spelled = /^(?:[\w-]+[.-])?(\d{1,3})[.-](\d{1,3})[.-](\d{1,3})[.-](\d{1,3})\.(?:nip\.io|sslip\.io|xip\.io|traefik\.me|localtest\.me)$/.exec(host);
  if (spelled) return classifyHost(spelled.slice(1, 5).join('.'));
  if (host.endsWith('.internal') || host.endsWith('.local') || host.endsWith('.lan') || host.endsWith('.svc') || host.endsWith('.corp') || host.endsWith('.intranet') || host.endsWith('.home.arpa') || !host.includes('.')) return 'private';
  for (const [suffix, kind] of HOST_SUFFIXES) {
    if (host === suffix || host.endsWith('.' + suffix)) return kind;
  }
  // a paste service by its name on anyone's domain (`paste.driftcache.io`, `privatebin.example.net`)
  if (/^(?:paste|pastebin|hastebin|privatebin|zerobin)\./.test(host)) return 'paste';
  return wearsKnownDomain(host) || hyphenatesKnownDomain(host) || signInLookalike(host) || misspellsKnownDomain(host) ? 'lookalike' : 'other';
}

/**
 * A host that spells a well-known one with hyphens for its dots (`services-gradle.org`, `ghcr-io.net`,
 * `registry-npmjs.org`): read with dots, it is or wears that domain, which it is not.
 */
function hyphenatesKnownDomain(host: string): boolean {
  if (!host.includes('-')) return false;
  const dotted = '.' + host.replace(/-/g, '.') + '.';
  return HYPHENATED_BRANDS.some((d) => dotted.includes('.' + d + '.'));
}

/** API and sign-in domains whose one-letter misspellings are registered to catch keys and logins (`api.opanai.com`). */
const MISSPELT_DOMAINS = ['openai.com', 'anthropic.com', 'github.com', 'gitlab.com', 'npmjs.org', 'npmjs.com', 'pypi.org', 'docker.com', 'googleapis.com', 'amazonaws.com', 'microsoftonline.com', 'okta.com', 'atlassian.net', 'paypal.com'];

/** A registered domain one edit (a letter changed, added, dropped or swapped) from one of MISSPELT_DOMAINS. */
function misspellsKnownDomain(host: string): boolean {
  const registered = host.split('.').slice(-2).join('.');
  return registered.length >= 9 && MISSPELT_DOMAINS.some((d) => d !== registered && distance(registered, d, 1) <= 1);
}

/** Brands whose sign-in, wallet or account pages phishing copies; `micros0ft` is read with its digits as letters. */
const SIGN_IN_BRANDS = /github|gitlab|microsoft|office365|outlook|okta|onelogin|google|gmail|apple|icloud|paypal|stripe|metamask|coinbase|binance|npmjs|slack|atlassian|dropbox|docusign|amazon|linkedin/;
/** What a phishing domain adds to the brand it wears. */
const SIGN_IN_WORDS = /login|signin|sign-in|secure|verify|verification|account|auth|sso|reset|restore|recovery|support|security|update|wallet|2fa|mfa|session|unlock|billing/;
const DIGITS_AS_LETTERS: Readonly<Record<string, string>> = { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't' };

/**
 * A sign-in page's look-alike: a brand's name with a sign-in word in the registered domain (`secure-micros0ft-login.com`,
 * `metamask-restore.io`, `npmjs-security.com`), or a brand's domain spelled into the labels before another registered
 * domain (`github-login.com-session.app`). The brand's own domains are classified before this is asked.
 */
function signInLookalike(host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2) return false;
  const registered = labels[labels.length - 2]!.replace(/[013457]/g, (d) => DIGITS_AS_LETTERS[d]!);
  if (registered.includes('-') && SIGN_IN_BRANDS.test(registered) && SIGN_IN_WORDS.test(registered)) return true;
  const before = labels.slice(0, -1).join('.');
  if (SIGN_IN_BRANDS.test(before) && /\.(?:com|net|org|io)-/.test(before)) return true;
  // any site's domain spelled as a label before a sign-in domain of someone else's: `fieldnote-io.sso-verify.co`
  return registered.includes('-') && SIGN_IN_WORDS.test(registered) && labels.slice(0, -2).some((l) => /^[a-z0-9]{3,63}-(?:com|io|net|org|co|app|dev)$/.test(l));
}

export function parseIPv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4) return undefined;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : undefined;
}

/** Parse one word as a network destination: a URL, `host:port`, `user@host:path`, or a bare IP. */
export const destinationOf = memoize(destinationOfWord);

function destinationOfWord(word: string): Destination | undefined {
  if (word.length > 2048) return undefined;
  const url = /^([a-zA-Z][a-zA-Z0-9+.-]{1,15}):\/\/([^/?#\s]*)/.exec(word);
  if (url) {
    const authority = url[2]!.replace(/^[^@]*@/, '');
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority);
    if (!m) return undefined;
    return { host: m[1]!, kind: classifyHost(m[1]!), url: word, port: m[2] ? Number(m[2]) : undefined };
  }
  const dev = /^\/dev\/(tcp|udp)\/([^/]+)\/(\d+)/.exec(word);
  if (dev) return { host: dev[2]!, kind: classifyHost(dev[2]!), port: Number(dev[3]) };
  const scp = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}|\d{1,3}(?:\.\d{1,3}){3}):/.exec(word);
  // (`oidc.user:http://localhost/…` is a key naming a URL, not a host's path)
  if (scp && !/^(?:https?:|\/\/)/i.test(word.slice(scp[0].length))) return { host: scp[1]!, kind: classifyHost(scp[1]!) };
  // an ssh alias or a host of the local domain in scp's form, a path after it (`kvm02:/var/lib/libvirt/images/`)
  const alias = /^(?:[A-Za-z0-9._-]+@)?([A-Za-z][A-Za-z0-9-]{1,62}):(?=[/~])/.exec(word);
  if (alias) return { host: alias[1]!, kind: classifyHost(alias[1]!) };
  // (a host name begins with a letter or digit: `cert-renewer@.service` is a systemd template's file)
  const at = /^[A-Za-z0-9._-]+@([A-Za-z0-9][A-Za-z0-9.-]*)$/.exec(word);
  if (at) return { host: at[1]!, kind: classifyHost(at[1]!) };
  if (parseIPv4(word) || word === 'localhost') return { host: word, kind: classifyHost(word) };
  const hostPort = /^([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+):(\d{1,5})$/.exec(word);
  if (hostPort) return { host: hostPort[1]!, kind: classifyHost(hostPort[1]!), port: Number(hostPort[2]) };
  const bare = /^(?:[A-Za-z0-9-]+\.)+(?:com|net|org|io|sh|co|me|xyz|ru|cn|tk|top|site|online|info|biz|app|dev|cc|pw|onion|link|live|fun|pro|gg|st|moe|at|se|nz|us)$/.exec(word);
  if (bare) return { host: word, kind: classifyHost(word) };
  return undefined;
}

/** Kinds that are almost never a legitimate destination for data leaving a developer machine. */
export const EXFIL_KINDS: ReadonlySet<HostKind> = new Set(['paste', 'webhook', 'file-drop', 'tunnel', 'oast', 'chat-webhook', 'onion', 'raw-ip', 'dynamic-dns', 'lookalike']);

/**
 * Domains that phishing and exfiltration hosts put in front of their own (`hooks.slack.com.webhook-relay.io`,
 * `registry.npmjs.org.cdn-mirror.io`): the real ones end with them, so a host that only contains one is someone else's.
 */
function wearsKnownDomain(host: string): boolean {
  return WORN_DOMAINS.some((d) => {
    const at = ('.' + host).indexOf('.' + d + '.');
    // what follows the brand's domain; a country's own domain of the brand (`google.com.au`, `paypal.com.br`) is the brand's
    return at >= 0 && !/^[a-z]{2}$/.test(host.slice(at + d.length + 1));
  });
}
/** Domains a look-alike may spell with hyphens: the worn ones and the developer services of the suffix table. */
const HYPHENATED_BRANDS: readonly string[] = [...new Set([...HOST_SUFFIXES.filter(([d, k]) => k === 'developer' && d.includes('.')).map(([d]) => d), 'github.com', 'gitlab.com', 'npmjs.org', 'pypi.org', 'docker.io', 'ghcr.io', 'gradle.org'])];
const WORN_DOMAINS = ['github.com', 'githubusercontent.com', 'gitlab.com', 'bitbucket.org', 'slack.com', 'microsoftonline.com', 'microsoft.com', 'live.com', 'office.com', 'google.com', 'googleapis.com', 'amazonaws.com', 'npmjs.org', 'npmjs.com', 'pypi.org', 'pythonhosted.org', 'okta.com', 'auth0.com', 'apple.com', 'icloud.com', 'docker.io', 'docker.com', 'cloudflare.com', 'jsdelivr.net', 'atlassian.net', 'stripe.com', 'paypal.com', 'shopify.com', 'openai.com', 'anthropic.com', 'discord.com', 'telegram.org'];

/** The intake hosts of hosted log, metric, trace and paging services, where a company's own telemetry is sent on purpose. */
const TELEMETRY_SERVICES = ['pagerduty.com', 'opsgenie.com', 'victorops.com', 'incident.io', 'datadoghq.com', 'datadoghq.eu', 'ddog-gov.com', 'papertrailapp.com', 'splunkcloud.com', 'sumologic.com', 'logz.io', 'loggly.com', 'newrelic.com', 'nr-data.net', 'elastic-cloud.com', 'es.io', 'grafana.net', 'logtail.com', 'betterstack.com', 'honeycomb.io', 'opinsights.azure.com', 'monitor.azure.com', 'sentry.io', 'lightstep.com', 'coralogix.com', 'mezmo.com', 'logdna.com', 'logging.googleapis.com', 'monitoring.googleapis.com', 'cloudtrace.googleapis.com'];
/** Is this host a hosted log, metric, trace or paging service's (`http-intake.logs.datadoghq.com`, `events.pagerduty.com`)? */
export function telemetryService(host: string): boolean {
  const h = host.toLowerCase();
  // (AWS's are regional: `logs.eu-west-1.amazonaws.com`, `aps-workspaces.us-east-1.amazonaws.com`; an EC2 host's name is not one)
  return TELEMETRY_SERVICES.some((d) => h === d || h.endsWith('.' + d)) || /^(?:logs|firehose|kinesis|monitoring|aps-workspaces|xray)\.[a-z0-9-]{1,30}\.amazonaws\.com$/.test(h);
}

/** Literal scan for an http(s) URL, up to the next whitespace or quote: no regex runs on model text. */
export function firstUrl(text: string): string | undefined {
  const lower = text.toLowerCase();
  const a = lower.indexOf('https://');
  const b = lower.indexOf('http://');
  const start = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  if (start < 0) return undefined;
  let end = start;
  while (end < text.length && !isSpace(text.charCodeAt(end)) && !QUOTES.includes(text[end]!)) end++;
  return text.slice(start, end);
}

const isSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);
/** What closes a quoted address (`{"url": "https://x.example"}`, `<a href='…'>`); an address never holds them bare. */
const QUOTES = `"'<>\``;

/** The path of a URL (`/api/v1/secrets`), `/` for a bare host, empty when it is not a URL. */
export function urlPath(url: string): string {
  const m = /^[a-z][a-z0-9+.-]{1,15}:\/\/[^/?#]*([^?#]*)/i.exec(url.slice(0, 4096));
  return m ? m[1] || '/' : '';
}

/**
 * The hosts a program's text names as places to connect to: URLs (`"http://45.137.21.9:8080/c"`), quoted addresses
 * with or without a port (`"194.87.31.226:5353"`), and a host beside a port number in a call's arguments
 * (`("crm-metrics.duckdns.org", 9001)`, `connect(4444, '91.92.240.11')`).
 */
export function hostsInCode(text: string): string[] {
  const t = text.slice(0, 65536);
  const out = new Set<string>();
  for (const m of t.matchAll(/\b[a-z][a-z0-9+.-]{1,15}:\/\/(?:[^\s"'`/@]{1,64}@)?(\[[0-9a-f:.]{2,64}\]|[A-Za-z0-9.-]{1,253})/gi)) out.add(m[1]!.toLowerCase());
  for (const m of t.matchAll(/["'`](\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?["'`]/g)) out.add(m[1]!);
  for (const m of t.matchAll(/["'`]([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})["'`]\s{0,4},\s{0,4}\d{2,5}\b|\b\d{2,5}\s{0,4},\s{0,4}["'`]([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})["'`]/g)) out.add((m[1] ?? m[2])!.toLowerCase());
  return [...out].slice(0, 64);
}
