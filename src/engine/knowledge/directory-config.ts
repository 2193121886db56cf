import type { SimpleCommand } from '../shell/types.js';
import { optionValue, scriptIn } from '../shell/command-args.js';
import { classifyHost } from './hosts.js';
import { THROWAWAY_DB } from './sql-clients.js';

/**
 * Directory, Kerberos and single sign-on settings that let anyone in, take the lockouts and password rules away or
 * stop the record: as configuration files write them (SSSD, OpenLDAP's client, krb5.conf), as LDIF changes to
 * cn=config or a password policy, and as the administration CLIs set them (IdM's ipa, samba-tool, 389-DS's dsconf,
 * Keycloak's kcadm).
 */
const FILE_SETTINGS: ReadonlyArray<{ file: RegExp; weak: RegExp; what: string }> = [
  { file: /^\/etc\/sssd\/(?:sssd\.conf|conf\.d\/[\w.-]+\.conf)$/, weak: /^\s*access_provider\s*=\s*permit\b/m, what: 'every directory account let log in (access_provider = permit)' },
  { file: /^\/etc\/sssd\/(?:sssd\.conf|conf\.d\/[\w.-]+\.conf)$/, weak: /^\s*ldap_tls_reqcert\s*=\s*(?:never|allow)\b|^\s*ldap_auth_disable_tls_never_use_in_production\s*=\s*true\b/m, what: "the directory's certificate no longer checked" },
  { file: /^\/etc\/(?:openldap|ldap)\/ldap\.conf$/, weak: /^\s*TLS_REQCERT\s+(?:never|allow)\b/m, what: "the directory's certificate no longer checked" },
  { file: /^\/etc\/krb5\.conf(?:\.d\/[\w.-]+)?$/, weak: /^\s*allow_weak_crypto\s*=\s*true\b/m, what: 'weak Kerberos encryption allowed' },
];
/** LDIF changes that open the directory or take its password policy away. */
const LDIF_SETTINGS: ReadonlyArray<{ weak: RegExp; what: string }> = [
  { weak: /^olcAllows:[^\n]*\b(?:bind_anon_cred|bind_anon_dn|update_anon)\b/m, what: 'anonymous binds and updates allowed' },
  { weak: /^olcAccess:[^\n]*\bto \*[ \t]+by \*[ \t]+(?:read|write|manage)\b/m, what: 'everything readable by anyone' },
  { weak: /^pwdMinLength:\s*[0-4]\s*$|^pwdMaxFailure:\s*0\s*$|^pwdLockout:\s*FALSE\s*$/im, what: 'the password policy emptied' },
];
/** Settings given as `key=value` to dsconf and kcadm. */
const KEY_SETTINGS: ReadonlyArray<{ weak: RegExp; what: string }> = [
  { weak: /^nsslapd-allow-anonymous-access=on$/i, what: 'anonymous access allowed' },
  { weak: /^nsslapd-(?:auditlog|accesslog)-logging-enabled=off$/i, what: "the directory's audit and access logs off" },
  { weak: /^bruteForceProtected=false$/, what: 'brute-force protection off' },
  { weak: /^passwordPolicy=(?:""|'')?$/, what: 'the password policy emptied' },
  { weak: /^sslRequired=NONE$/i, what: 'logins allowed over plain HTTP' },
  { weak: /^(?:admin)?[eE]ventsEnabled=false$/, what: "the realm's login and admin events off" },
];
const settingsOf = (c: SimpleCommand) => c.argv.filter((w, k) => c.argv[k - 1] === '-s' || c.argv[k - 1] === '--set' || (c.name === 'dsconf' && w.includes('=')));
const numberOf = (c: SimpleCommand, names: string[]) => Number(optionValue(c.argv, names) ?? NaN);

/** What a command weakens in a directory, realm or SSO, if anything. */
export function directoryWeakened(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'ipa' && a[1] === 'pwpolicy-mod') return numberOf(c, ['--minlength']) < 5 || numberOf(c, ['--maxfail']) === 0 ? "IdM's password policy emptied" : undefined;
  if (c.name === 'samba-tool' && a[1] === 'domain' && a[2] === 'passwordsettings') return a.includes('--complexity=off') || numberOf(c, ['--min-pwd-length']) < 5 ? "the domain's password rules off" : undefined;
  if (c.name === 'dsconf' || c.name === 'kcadm.sh' || c.name === 'kcadm') {
    // (a developer's own realm, `realms/dev`, is loosened for local work, as a throwaway database is)
    if (THROWAWAY_DB.test(optionValue(a, ['-r', '--target-realm']) ?? /^realms\/([^/]+)/.exec(a[2] ?? '')?.[1] ?? '')) return undefined;
    for (const s of settingsOf(c)) for (const { weak, what } of KEY_SETTINGS) if (weak.test(s)) return what;
    // the realm's recorded logins and admin actions deleted
    if (c.name !== 'dsconf' && a[1] === 'delete' && /^(?:admin-)?events$/.test(a[2] ?? '')) return "the realm's recorded events deleted";
    return undefined;
  }
  if (c.name === 'ldapmodify' || c.name === 'ldapadd') {
    const ldif = (c.stdin ?? scriptIn(c) ?? '').slice(0, 16384);
    for (const { weak, what } of LDIF_SETTINGS) if (weak.test(ldif)) return what;
  }
  return undefined;
}

/** What a configuration file's new text weakens, if anything: its settings, or a realm's KDC moved to a public address. */
export function directoryConfigWeakened(path: string, text: string): string | undefined {
  const t = text.slice(0, 65536);
  for (const { file, weak, what } of FILE_SETTINGS) if (file.test(path) && weak.test(t)) return what;
  if (/^\/etc\/krb5\.conf/.test(path)) {
    for (const m of t.matchAll(/^\s*(?:kdc|admin_server)\s*=\s*([\w.:-]{1,255})/gm)) if (classifyHost(m[1]!.replace(/:\d+$/, '')) === 'raw-ip') return "the realm's KDC moved to a public address";
  }
  return undefined;
}

/** A directory, realm or identity service destroyed: its tree, its KDC database, its server, a Keycloak realm. */
export function directoryDestroyed(c: SimpleCommand): boolean {
  const a = c.argv;
  if (c.name === 'kdb5_util') return a.includes('destroy');
  if (c.name === 'ipa-server-install' || c.name === 'ipa-replica-install') return a.includes('--uninstall') && a.includes('--ignore-last-of-role');
  if (c.name === 'kcadm.sh' || c.name === 'kcadm') return a[1] === 'delete' && /^realms\/[^/]+$/.test(a[2] ?? '');
  // a whole subtree (`ou=People,…`, the base itself), not one entry
  if (c.name === 'ldapdelete') return a.includes('-r') && a.some((w) => /^(?:ou|dc|o|cn=(?:users|accounts|groups))=[^,]+(?:,|$)/i.test(w) && !/^(?:uid|cn)=[^,]+,(?:ou|cn)=/i.test(w));
  return false;
}
