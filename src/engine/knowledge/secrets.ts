import { percentDecoded } from '../shell/decoders.js';

/**
 * Secret formats with fixed prefixes or headers (gitleaks-style), each a linear pattern: a literal
 * anchor followed by a bounded character class, so no input can make them backtrack.
 */
export interface SecretPattern {
  kind: string;
  re: RegExp;
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  { kind: 'AWS access key', re: /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
  { kind: 'AWS secret key', re: /aws_secret_access_key\s{0,4}[=:]\s{0,4}["']?[A-Za-z0-9/+]{40}/i },
  // (or a key's body without its armour, whole: PKCS#8 for P-256, as App Store Connect's .p8 and APNs keys are, and for RSA)
  { kind: 'private key', re: /-----BEGIN (?:RSA |DSA |EC |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY( BLOCK)?-----|MIG[HT]AgEAMBMGByqGSM49AgEGCCqGSM49AwEH[A-Za-z0-9+/=]{0,400}|MII[A-Za-z0-9+/]{2}AIBADANBgkqhkiG9w0BAQEFAASC[A-Za-z0-9+/=]{0,4000}/ },
  { kind: 'GitHub token', re: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{60,90}\b/ },
  { kind: 'GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20}\b/ },
  { kind: 'Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,80}\b/ },
  { kind: 'Stripe secret key', re: /\b[sr]k_live_[A-Za-z0-9]{20,99}\b/ },
  { kind: 'Google API key', re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'OpenAI API key', re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{20}T3BlbkFJ[A-Za-z0-9_-]{20}\b|\bsk-proj-[A-Za-z0-9_-]{40,200}\b/ },
  { kind: 'Anthropic API key', re: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}\b/ },
  { kind: 'npm token', re: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { kind: 'PyPI token', re: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,200}\b/ },
  { kind: 'Twilio key', re: /\bSK[0-9a-fA-F]{32}\b/ },
  { kind: 'SendGrid key', re: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { kind: 'Discord webhook', re: /discord(?:app)?\.com\/api\/webhooks\/\d{5,30}\/[A-Za-z0-9_-]{20,100}/ },
  { kind: 'Slack webhook', re: /hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,40}/ },
  { kind: 'Telegram bot token', re: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/ },
  { kind: 'Azure storage key', re: /AccountKey=[A-Za-z0-9+/]{86}==/ },
  { kind: 'Google OAuth client secret', re: /\bGOCSPX-[A-Za-z0-9_-]{28}\b/ },
  { kind: 'DigitalOcean token', re: /\bdo[por]_v1_[a-f0-9]{64}\b/ },
  { kind: 'Hugging Face token', re: /\bhf_[A-Za-z]{34}\b/ },
  { kind: 'Shopify token', re: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/ },
  { kind: 'Postman API key', re: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/ },
  { kind: 'HashiCorp Vault token', re: /\bhvs\.[A-Za-z0-9_-]{90,120}\b/ },
  { kind: 'Databricks token', re: /\bdapi[a-f0-9]{32}(?:-\d)?\b/ },
  { kind: 'Linear API key', re: /\blin_api_[A-Za-z0-9]{40}\b/ },
  { kind: 'Doppler token', re: /\bdp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44}\b/ },
  { kind: 'Mailgun key', re: /\bkey-[a-f0-9]{32}\b/ },
  // (Dropbox's short-lived tokens, the scoped `sl.u.` ones shorter; Notion's integration tokens, old and new)
  { kind: 'Dropbox token', re: /\bsl\.(?:u\.[A-Za-z0-9_-]{30,2048}|[A-Za-z0-9_-]{120,2048})/ },
  { kind: 'Notion token', re: /\b(?:ntn_[A-Za-z0-9]{40,50}|secret_[A-Za-z0-9]{43})\b/ },
  { kind: 'Age secret key', re: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/ },
  { kind: 'PuTTY private key', re: /PuTTY-User-Key-File-[23]: / },
  // a kubeconfig's user entry: its client key, or a bearer token (a JWT, even cut short where it is pasted) on a
  // `token:` line
  { kind: 'Kubernetes credentials', re: /\bclient-key-data:[ \t]{0,4}[A-Za-z0-9+/=]{40,}|^[ \t]{0,16}token:[ \t]{0,4}eyJ[A-Za-z0-9_-]{24,}/m },
];

/** Kinds of secret found in a text (first 256 KiB). */
/**
 * Whether text carries an AWS access key ID as a credential rather than as its name: in a credentials file's or
 * the environment's key setting, or beside a 40-character secret key. The ID alone opens nothing, and a ticket
 * that says "rotated, the new key is AKIA…" names the key it is about.
 */
export function awsKeyAsCredential(text: string): boolean {
  const t = text.length > 65536 ? text.slice(0, 65536) : text;
  return /access_key_id|aws_access_key|secret_access_key/i.test(t) || /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/.test(t);
}

export function findSecrets(text: string): string[] {
  const t = text.length > 262144 ? text.slice(0, 262144) : text;
  const out: string[] = [];
  for (const p of SEARCHES) {
    if (!p.re.test(t)) continue;
    // the vendors' documented placeholders (AKIAIOSFODNN7EXAMPLE, …EXAMPLEKEY, ghp_EXAMPLEEXAMPLE…) are not secrets: one real match is enough
    let seen = 0;
    for (const m of t.matchAll(p.all)) {
      if (!placeholder(m[0])) { out.push(p.kind); break; }
      if (++seen >= 64) break;
    }
  }
  if (databasePassword(t)) out.push('database password');
  // a Terraform state, by its lineage: it holds every attribute of every resource, passwords and keys among them (the
  // lineage itself is no secret, so it is not among the formats redaction hides)
  if (TERRAFORM_STATE.test(t)) out.push('Terraform state');
  return out;
}
const TERRAFORM_STATE = /"lineage"\s{0,4}:\s{0,4}"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/;

/**
 * A connection string with its password, to a server on the network (not a compose service or localhost):
 * a format with no fixed prefix, so the password must look chosen. Redaction (semantic/redact.ts) hides
 * every URL password whatever it looks like; this decides whether one is a live credential.
 */
const DATABASE_URL = /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver):\/\/[^\s:/@]{1,64}:([^\s@/]{8,128})@([A-Za-z0-9.-]{1,253})/g;
function databasePassword(text: string): boolean {
  let seen = 0;
  for (const m of text.matchAll(DATABASE_URL)) {
    if (strongPassword(m[1]!) && networkHost(m[2]!)) return true;
    if (++seen >= 64) break;
  }
  return false;
}

/**
 * `OPENAI_API_KEY=…`, `db_password: …`: a value given to a setting named for a credential, as a message
 * or a request carries it. Templates, masks and samples (`<key>`, `${TOKEN}`, `****`, `your-token`) are not values.
 */
const ASSIGNMENT = /\b([A-Za-z][A-Za-z0-9_.-]{0,63})[ \t]{0,3}[=:][ \t]{0,3}["']?([^\s"'`,;]{8,200})/g;
/**
 * A variable or setting named for a credential; AUTH and AUTHORIZATION count, the AUTHOR of `GIT_AUTHOR_NAME` does
 * not, nor the agent's socket path of `SSH_AUTH_SOCK`.
 */
export const SECRET_SETTING_NAME = /(?:SECRET|TOKEN|PASSW(?:OR)?D|PASSWD|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL|AUTH(?!ORS?(?:_|$|[^A-Za-z])|_SOCK))/i;
const SAMPLE_VALUE = /^[<${[(*]|^(?:x+|\*+|\.+|-+)$|\.\.\.$|your|example|placeholder|changeme|redacted|dummy|sample|<|\$\{|\{\{/i;
export function credentialAssignment(text: string): string | undefined {
  let seen = 0;
  for (const m of text.slice(0, 65536).matchAll(ASSIGNMENT)) {
    if (SECRET_SETTING_NAME.test(m[1]!) && chosenValue(m[2]!)) return m[1];
    if (++seen >= 256) break;
  }
  // or said in words, as a chat message gives it (`user billing_app, password 9fK2mQ7xLp4RvT8w`): then only a value
  // with digits and both cases, which no date, version or ticket number is
  const said = SAID_PASSWORD.exec(text.slice(0, 65536))?.[1];
  return said !== undefined && !SAMPLE_VALUE.test(said) && /[0-9]/.test(said) && /[a-z]/.test(said) && /[A-Z]/.test(said) ? 'password' : undefined;
}
/** A value that looks chosen: not a template or a mask, letters with digits or with both cases. */
const chosenValue = (v: string) => !SAMPLE_VALUE.test(v) && /[A-Za-z]/.test(v) && (/[0-9]/.test(v) || (/[a-z]/.test(v) && /[A-Z]/.test(v)));
const SAID_PASSWORD = /\b(?:password|passwd|passphrase)[ \t]{1,3}(?:is[ \t]{1,3})?([^\s"'`,;]{10,200})/i;

/** Where each kind of key is meant to go: sent anywhere else, in a URL, it is leaving. */
const ISSUERS: Readonly<Record<string, readonly string[]>> = {
  'AWS access key': ['amazonaws.com', 'aws.amazon.com'],
  'GitHub token': ['github.com', 'githubusercontent.com', 'ghcr.io'],
  'GitLab token': ['gitlab.com'],
  'Slack token': ['slack.com'],
  'Stripe secret key': ['stripe.com'],
  'Google API key': ['googleapis.com', 'google.com'],
  'OpenAI API key': ['openai.com'],
  'Anthropic API key': ['anthropic.com'],
  'npm token': ['npmjs.org', 'npmjs.com'],
  'PyPI token': ['pypi.org'],
  'Twilio key': ['twilio.com'],
  'Dropbox token': ['dropboxapi.com', 'dropbox.com'],
  'Notion token': ['notion.com', 'notion.so'],
  'SendGrid key': ['sendgrid.com'],
  'Hugging Face token': ['huggingface.co'],
  'Mailgun key': ['mailgun.net'],
  'Telegram bot token': ['telegram.org'],
  // a store's Admin API lives on the store's own domain
  'Shopify token': ['myshopify.com', 'shopify.com'],
  // a webhook's address is its credential: posting to it is using it where it was issued
  'Slack webhook': ['hooks.slack.com'],
  'Discord webhook': ['discord.com', 'discordapp.com'],
};

/** Environment variables that hold one issuer's credential, by the name CI systems and SDKs give them. */
const ISSUED_VARIABLES: Readonly<Record<string, string>> = {
  GITHUB_TOKEN: 'GitHub token', GH_TOKEN: 'GitHub token', GITHUB_PAT: 'GitHub token', GH_PAT: 'GitHub token', ACTIONS_RUNTIME_TOKEN: 'GitHub token', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'GitHub token',
  CI_JOB_TOKEN: 'GitLab token', GITLAB_TOKEN: 'GitLab token', CI_REGISTRY_PASSWORD: 'GitLab token',
  AWS_SECRET_ACCESS_KEY: 'AWS access key', AWS_SESSION_TOKEN: 'AWS access key', AWS_ACCESS_KEY_ID: 'AWS access key',
  SLACK_TOKEN: 'Slack token', SLACK_BOT_TOKEN: 'Slack token', STRIPE_SECRET_KEY: 'Stripe secret key', STRIPE_API_KEY: 'Stripe secret key',
  GOOGLE_API_KEY: 'Google API key', OPENAI_API_KEY: 'OpenAI API key', ANTHROPIC_API_KEY: 'Anthropic API key',
  NPM_TOKEN: 'npm token', PYPI_TOKEN: 'PyPI token', PYPI_API_TOKEN: 'PyPI token', TWINE_PASSWORD: 'PyPI token',
  HF_TOKEN: 'Hugging Face token', HUGGING_FACE_HUB_TOKEN: 'Hugging Face token', SENDGRID_API_KEY: 'SendGrid key', TWILIO_AUTH_TOKEN: 'Twilio key',
};

const issuedHere = (kind: string, host: string) => {
  const h = host.toLowerCase();
  // self-hosted GitLab and GitHub Enterprise live at `gitlab.…` and `github.…`
  return (ISSUERS[kind] ?? []).some((d) => h === d || h.endsWith('.' + d)) || (kind === 'GitLab token' && h.startsWith('gitlab.')) || (kind === 'GitHub token' && h.startsWith('github.'));
};

/** Kinds of secret in a text sent to `host` that `host` did not issue (a request's headers: a bearer token to its own API is its use). */
export function secretsNotIssuedBy(text: string, host: string): string[] {
  return findSecrets(text).filter((kind) => !issuedHere(kind, host));
}

/** Kinds of secret in a tool's argument that the tool's own service did not issue (a Twilio key's SID in a Twilio server's call names the key, it does not leak it). */
export function secretsNotIssuedToTool(text: string, toolName: string): string[] {
  const name = toolName.toLowerCase().slice(0, 256);
  return findSecrets(text).filter((kind) => !(ISSUERS[kind] ?? []).some((d) => name.includes(d.split('.').slice(-2)[0]!)));
}

/** `$GITHUB_TOKEN` in a request to a host that did not issue it: the variable's credential is leaving. */
export function issuedVariableSentAway(name: string, host: string): string | undefined {
  const kind = Object.hasOwn(ISSUED_VARIABLES, name) ? ISSUED_VARIABLES[name] : undefined;
  return kind && !issuedHere(kind, host) ? kind : undefined;
}

/**
 * Kinds of secret in a URL's path and query that are not going to their issuer: a GitHub token in
 * a request to a tunnel, an AWS key pair in a page's address. A presigned S3 URL carries its access
 * key to amazonaws.com; a Maps call its key to googleapis.com; a self-hosted GitLab is `gitlab.…`.
 */
export function secretsSentAway(url: string, host: string): string[] {
  const scheme = url.indexOf('://');
  const start = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
  const rest = start < 0 ? '' : url.slice(start);
  const text = percentDecoded(rest);
  const found = secretsNotIssuedBy(text, host);
  // a key sent base64-encoded in a parameter (`?d=QVdTX1NFQ1JFVF9BQ0NFU1NfS0VZPXdKYWxy…`) is the same key
  for (const value of encodedValues(rest)) {
    const decoded = decodeBase64Text(value);
    if (decoded === undefined) continue;
    found.push(...findSecrets(decoded).filter((kind) => !issuedHere(kind, host)));
    const named = credentialAssignment(decoded);
    if (named !== undefined) found.push(`${named} (base64)`);
  }
  return found;
}

/** Parameter values of a URL's query that could be base64 (16 to 4096 characters of its alphabet), at most 16. */
function encodedValues(pathAndQuery: string): string[] {
  const q = pathAndQuery.indexOf('?');
  if (q < 0) return [];
  const out: string[] = [];
  for (const pair of pathAndQuery.slice(q + 1, q + 65537).split('&')) {
    const v = pair.slice(pair.indexOf('=') + 1);
    if (v.length >= 16 && v.length <= 4096 && /^[A-Za-z0-9+/_%-]+(?:=|%3D){0,2}$/i.test(v)) out.push(v);
    if (out.length >= 16) break;
  }
  return out;
}

/** Base64 (standard or URL-safe) that decodes to printable text, else undefined. */
export function decodeBase64Text(value: string): string | undefined {
  let v = percentDecoded(value);
  v = v.replace(/-/g, '+').replace(/_/g, '/');
  if (v.length % 4 === 1) return undefined;
  let text: string;
  try {
    text = atob(v + '='.repeat((4 - (v.length % 4)) % 4));
  } catch {
    return undefined;
  }
  let printable = 0;
  for (let k = 0; k < text.length; k++) { const c = text.charCodeAt(k); if ((c >= 32 && c < 127) || c === 10 || c === 13 || c === 9) printable++; }
  return printable >= text.length * 0.95 ? text : undefined;
}

/** A documentation placeholder: the value ends in EXAMPLE or EXAMPLEKEY, as AWS's do, or is EXAMPLE repeated. */
function placeholder(value: string): boolean {
  const v = value.toUpperCase();
  const first = v.indexOf('EXAMPLE');
  return v.endsWith('EXAMPLE') || v.endsWith('EXAMPLEKEY') || (first >= 0 && v.indexOf('EXAMPLE', first + 7) >= 0);
}
/**
 * A password someone chose to keep: eight or more characters of at least three kinds, not a template
 * (`${DB_PASS}`, `<password>`) or the samples in every README (`P@ssw0rd`, `changeme123`).
 */
function strongPassword(p: string): boolean {
  if (/[${}<>*]/.test(p) || /^(?:p[a@]s{1,2}w[o0]rd|changeme|secret|example|admin|root|test|your|my)/i.test(p)) return false;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  return kinds >= 3;
}
/** A host on the network: a dotted name or address that is not the machine itself. */
const networkHost = (h: string) => h.includes('.') && !/^(?:127\.|0\.0\.0\.0$|localhost\.?$)/i.test(h) && !h.toLowerCase().endsWith('.localhost');

/** Each pattern also in its global form, to look past placeholder matches. */
const SEARCHES = SECRET_PATTERNS.map((p) => ({ ...p, all: new RegExp(p.re.source, p.re.flags + 'g') }));

/**
 * A request header named for a credential (`Authorization`, `X-Api-Key`, `PRIVATE-TOKEN`, `Cookie`, `X-Amz-Security-Token`).
 * A payload's signature (`X-Hub-Signature-256`, `Stripe-Signature`) is not one: it vouches for that body only.
 */
export function credentialHeader(name: string): boolean {
  return name.length <= 128 && /auth|token|key|cookie|secret|session|password|bearer|credential/i.test(name);
}
