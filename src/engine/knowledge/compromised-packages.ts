/** The package registries an install command names. */
export type Ecosystem = 'npm' | 'pypi' | 'gem' | 'crates' | 'go';

interface Incident {
  /** Versions that carried the payload; none listed means every version of the package. */
  versions?: readonly string[];
  incident: string;
}

/**
 * Package releases that attackers published: hijacked maintainer accounts that shipped stealers, miners or
 * wipers inside a popular package, and packages that were malicious from the first version. Each entry
 * names the incident, so a finding says which one. Facts from the registries' and vendors' advisories.
 */
const COMPROMISED: Readonly<Record<Ecosystem, Readonly<Record<string, Incident>>>> = {
  npm: {
    'event-stream': { versions: ['3.3.6'], incident: 'event-stream / flatmap-stream wallet stealer, 2018' },
    'flatmap-stream': { incident: 'event-stream / flatmap-stream wallet stealer, 2018' },
    'ua-parser-js': { versions: ['0.7.29', '0.8.0', '1.0.0'], incident: 'ua-parser-js hijack: miner and password stealer, 2021' },
    coa: { versions: ['2.0.3', '2.0.4', '2.1.1', '2.1.3', '3.0.1', '3.1.3'], incident: 'coa hijack: password stealer, 2021' },
    rc: { versions: ['1.2.9', '1.3.9', '2.3.9'], incident: 'rc hijack: password stealer, 2021' },
    'node-ipc': { versions: ['10.1.1', '10.1.2', '10.1.3'], incident: 'node-ipc protestware that overwrote files, 2022' },
    colors: { versions: ['1.4.1', '1.4.2', '1.4.44-liberty-2'], incident: 'colors sabotage: endless loop, 2022' },
    faker: { versions: ['6.6.6'], incident: 'faker sabotage, 2022' },
    'eslint-scope': { versions: ['3.7.2'], incident: 'eslint-scope hijack: npm token stealer, 2018' },
    'eslint-config-eslint': { versions: ['5.0.2'], incident: 'eslint-scope hijack: npm token stealer, 2018' },
    '@solana/web3.js': { versions: ['1.95.6', '1.95.7'], incident: '@solana/web3.js hijack: private key stealer, 2024' },
    '@lottiefiles/lottie-player': { versions: ['2.0.5', '2.0.6', '2.0.7'], incident: 'lottie-player hijack: wallet drainer, 2024' },
    '@rspack/core': { versions: ['1.1.7'], incident: 'rspack hijack: miner, 2024' },
    '@rspack/cli': { versions: ['1.1.7'], incident: 'rspack hijack: miner, 2024' },
    nx: { versions: ['20.9.0', '20.10.0', '20.11.0', '20.12.0', '21.5.0', '21.6.0', '21.7.0', '21.8.0'], incident: 's1ngularity: nx releases that stole tokens and wallets through AI CLIs, 2025' },
    chalk: { versions: ['5.6.1'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    debug: { versions: ['4.4.2'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    'ansi-styles': { versions: ['6.2.2'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    'strip-ansi': { versions: ['7.1.1'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    'ansi-regex': { versions: ['6.2.1'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    'supports-color': { versions: ['10.2.1'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    'wrap-ansi': { versions: ['9.0.1'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    'color-convert': { versions: ['3.1.1'], incident: 'chalk and debug hijack: wallet drainer, 2025' },
    '@ctrl/tinycolor': { versions: ['4.1.1', '4.1.2'], incident: 'Shai-Hulud worm: token stealer that republished packages, 2025' },
    crossenv: { incident: 'crossenv typosquat: environment stealer, 2017' },
    'postmark-mcp': { versions: ['1.0.16', '1.0.17', '1.0.18'], incident: 'postmark-mcp impersonation: every email sent also copied to the publisher, 2025' },
  },
  pypi: {
    torchtriton: { incident: 'torchtriton dependency confusion: SSH key and file stealer, 2022' },
    ultralytics: { versions: ['8.3.41', '8.3.42', '8.3.45', '8.3.46'], incident: 'ultralytics release hijack: miner, 2024' },
  },
  gem: {
    'rest-client': { versions: ['1.6.10', '1.6.11', '1.6.12', '1.6.13'], incident: 'rest-client hijack: backdoor, 2019' },
    strong_password: { versions: ['0.0.7'], incident: 'strong_password hijack: backdoor, 2019' },
    'bootstrap-sass': { versions: ['3.2.0.3'], incident: 'bootstrap-sass hijack: backdoor, 2019' },
  },
  crates: {
    rustdecimal: { incident: 'rustdecimal typosquat of rust_decimal: malware for CI machines, 2022' },
  },
  go: {
    'github.com/boltdb-go/bolt': { incident: 'boltdb-go/bolt typosquat of boltdb/bolt: remote-access backdoor kept in the module proxy, 2021-2025' },
  },
};

/** The incident a package release belongs to, when it is one an attacker published; a version-less request counts only for packages malicious throughout. */
export function compromisedRelease(eco: Ecosystem, name: string, version: string | undefined): string | undefined {
  const pkgs = COMPROMISED[eco];
  const hit = Object.hasOwn(pkgs, name) ? pkgs[name] : undefined;
  if (!hit) return undefined;
  if (!hit.versions) return hit.incident;
  return version !== undefined && hit.versions.includes(version) ? hit.incident : undefined;
}
