import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { canonicalPath, hasHiddenName, isStagingPath } from './paths.js';
import { destinationOf } from './hosts.js';

/**
 * A certificate authority used against its owner: a subordinate CA signed for someone, certificates for other
 * companies' sign-in names (an interception kit), an issuing role opened to any name, certificates for the company's
 * names issued into a throwaway folder, an ACME client sent to an unknown CA; and the CA's certificates revoked in bulk,
 * or the CA itself disabled.
 */

/** Names no company's own CA issues for: the big sign-in, code and package hosts (`login.microsoftonline.com`, `github.com`). */
const OTHERS_NAMES = /(?:^|\.)(?:microsoftonline\.com|live\.com|microsoft\.com|google\.com|googleapis\.com|apple\.com|icloud\.com|amazon\.com|amazonaws\.com|okta\.com|github\.com|gitlab\.com|slack\.com|facebook\.com|paypal\.com|npmjs\.org|pypi\.org)$/i;
const othersName = (name: string) => OTHERS_NAMES.test(name.replace(/^\*\./, '').replace(/\.$/, ''));

/** Extensions that make the signed certificate a CA itself. */
const CA_EXTENSIONS = /^(?:v3_ca|v3_intermediate_ca|v3_sub_?ca|ca_ext|intermediate_ca|sub_?ca)$/i;

/** ACME certificate authorities' own domains. */
const ACME_CAS = /(?:^|\.)(?:letsencrypt\.org|zerossl\.com|buypass\.com|digicert\.com|sectigo\.com|pki\.goog|ssl\.com|globalsign\.com|entrust\.net)$/i;
/** An ACME directory no known CA serves and the organization does not host. */
function unknownAcme(url: string): boolean {
  const d = destinationOf(url);
  if (d?.host === undefined) return false;
  return !ACME_CAS.test(d.host) && d.kind !== 'private' && d.kind !== 'loopback';
}

/** A folder hidden in a staging place, where a certificate and key issued for the company's names are kept out of sight. */
const hiddenStaging = (p: string) => isStagingPath(p) && hasHiddenName(canonicalPath(p));

/** What a command does with a CA that hands its authority to someone: the description, or undefined. */
export function rogueIssuance(c: SimpleCommand): string | undefined {
  const a = c.argv;
  // a subordinate CA: whoever holds its key issues for every name the root is trusted for
  if (c.name === 'openssl' && a[1] === 'ca' && CA_EXTENSIONS.test(optionValue(a, ['-extensions']) ?? '')) return 'a subordinate CA signed';
  if (c.name === 'vault' && a[1] === 'write' && a.some((w) => /^pki[\w-]*\/root\/sign-intermediate$/.test(w))) return 'a subordinate CA signed';
  if (c.name === 'aws' && a.includes('acm-pca') && a.includes('issue-certificate') && /SubordinateCACertificate/.test(optionValue(a, ['--template-arn']) ?? '')) return 'a subordinate CA signed';
  // an issuing role that signs any name
  if (c.name === 'vault' && a[1] === 'write' && a.some((w) => /^pki[\w-]*\/roles\//.test(w)) && a.some((w) => w === 'allow_any_name=true' || w === 'enforce_hostnames=false')) return 'an issuing role opened to any name';
  // certificates for other companies' sign-in and code hosts: an interception kit
  const names = c.name === 'cfssl' && a[1] === 'gencert' ? (optionValue(a, ['-hostname']) ?? a.find((w) => w.startsWith('-hostname='))?.slice(10) ?? '').split(',')
    : c.name === 'step' && a[1] === 'ca' && a[2] === 'certificate' ? [a[3] ?? '', ...a.filter((_, k) => a[k - 1] === '--san')]
      : c.name === 'step' && a[1] === 'certificate' && a[2] === 'create' ? [a[3] ?? '', ...a.filter((_, k) => a[k - 1] === '--san')] : [];
  const other = names.find(othersName);
  if (other) return `a certificate issued for ${other}`;
  // the company's certificates issued into a hidden temp folder, where no server reads them
  const issues = (c.name === 'certbot' && /^(?:certonly|run)$/.test(a[1] ?? '')) || (c.name === 'acme.sh' && a.includes('--issue')) || (c.name === 'lego' && a.includes('run')) || (c.name === 'step' && a[1] === 'ca' && a[2] === 'certificate');
  if (issues && [optionValue(a, ['--config-dir', '--work-dir', '--home', '--path', '--cert-home']), ...(c.name === 'step' ? [a[4] ?? '', a[5] ?? ''] : [])].some((d) => d !== undefined && hiddenStaging(d))) return 'certificates issued into a hidden temp folder';
  // an ACME client, or cert-manager's issuer, sent to a directory no known CA serves
  const server = ['certbot', 'acme.sh', 'lego'].includes(c.name) ? optionValue(a, ['--server']) : c.name === 'kubectl' && a.includes('patch') && a.some((w) => /^(?:clusterissuers?|issuers?)(?:\.cert-manager\.io)?(?:\/|$)/.test(w)) ? /"server"\s{0,4}:\s{0,4}"([^"]{1,512})"/.exec(optionValue(a, ['-p', '--patch']) ?? '')?.[1] : undefined;
  if (server !== undefined && /^https?:\/\//.test(server) && unknownAcme(server)) return `certificates requested from ${server}`;
  return undefined;
}

/** What a command takes away of a CA's certificates: every certificate revoked one after another, or the CA disabled or deleted. */
export function certificatesTakenAway(c: SimpleCommand, repeated: boolean): string | undefined {
  const a = c.argv;
  if (c.name === 'aws' && a.includes('acm-pca') && (a.includes('delete-certificate-authority') || (a.includes('update-certificate-authority') && optionValue(a, ['--status']) === 'DISABLED'))) return 'a private CA disabled or deleted';
  const revokes = (c.name === 'certbot' && a[1] === 'revoke') || (c.name === 'vault' && a[1] === 'write' && a.some((w) => /^pki[\w-]*\/revoke$/.test(w))) || (c.name === 'step' && a[1] === 'ca' && a[2] === 'revoke');
  // (a loop over a pattern the view spells out leaves the pattern in the word: `--cert-path /etc/letsencrypt/live/*/cert.pem`)
  return revokes && (repeated || a.some((w) => /[*?]/.test(w))) ? 'certificates revoked one after another' : undefined;
}
