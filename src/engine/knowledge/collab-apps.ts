import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';

/**
 * Self-hosted collaboration and community platforms driven by their admin command lines: Nextcloud's `occ`,
 * Mattermost's `mmctl`, Synapse's `register_new_matrix_user`, Mastodon's `tootctl`, Gitea's and Forgejo's `admin`
 * commands, MediaWiki's maintenance scripts and Moodle's `admin/cli` scripts. The readers below answer whether a
 * command makes an administrator, takes a protection away (the audit app, two-factor, brute-force limits) or deletes
 * every user or page. Command and setting names from the projects' admin references.
 */

/** Which platform a command drives, and its words after the program (`php /var/www/nextcloud/occ user:add …` → `user:add …`). */
function appCommand(c: SimpleCommand): { app: string; args: string[] } | undefined {
  const a = c.argv;
  if (c.name === 'php' || c.name === 'php-cli') {
    const script = a[1] ?? '';
    if (/(?:^|\/)occ$/.test(script)) return { app: 'nextcloud', args: a.slice(2) };
    // MediaWiki's run.php names the script as its first word; older installs run each script by its file
    if (/(?:^|\/)maintenance\/run\.php$/.test(script)) return { app: 'mediawiki', args: a.slice(2) };
    const wiki = /(?:^|\/)maintenance\/(\w{1,64})\.php$/.exec(script)?.[1];
    if (wiki !== undefined) return { app: 'mediawiki', args: [wiki, ...a.slice(2)] };
    const moodle = /(?:^|\/)admin\/cli\/(\w{1,64})\.php$/.exec(script)?.[1];
    return moodle !== undefined ? { app: 'moodle', args: [moodle, ...a.slice(2)] } : undefined;
  }
  if (c.name === 'occ') return { app: 'nextcloud', args: a.slice(1) };
  if (c.name === 'mmctl') return { app: 'mattermost', args: a.slice(1).filter((w) => w !== '--local') };
  if (c.name === 'tootctl') return { app: 'mastodon', args: a.slice(1) };
  if (c.name === 'register_new_matrix_user') return { app: 'synapse', args: a.slice(1) };
  // (the configuration file is given before or after the verb: `forgejo -c /etc/forgejo/app.ini admin user …`)
  if (c.name === 'gitea' || c.name === 'forgejo') return { app: 'gitea', args: a.slice(1).filter((w, k, all) => w !== '-c' && w !== '--config' && all[k - 1] !== '-c' && all[k - 1] !== '--config') };
  return undefined;
}

/** The commands the readers know by name (`php` for occ, MediaWiki's and Moodle's scripts). */
export const COLLAB_APP_TOOLS = ['php', 'php-cli', 'occ', 'mmctl', 'tootctl', 'register_new_matrix_user', 'gitea', 'forgejo'];

/**
 * An administrator made: Nextcloud's admin group, Mattermost's system admin, a Synapse admin registered, a Mastodon
 * Owner or Admin, a Gitea admin, a MediaWiki sysop, bureaucrat or interface admin, Moodle's site administrators changed.
 */
export function collabAdminMade(c: SimpleCommand): boolean {
  const cmd = appCommand(c);
  if (!cmd) return false;
  const a = cmd.args;
  switch (cmd.app) {
    case 'nextcloud': return (a[0] === 'group:adduser' && a[1] === 'admin') || (a[0] === 'user:add' && a.some((w, k) => w === '--group=admin' || (w === '--group' && a[k + 1] === 'admin') || (w === '-g' && a[k + 1] === 'admin')));
    case 'mattermost': return (a[0] === 'roles' && a[1] === 'system_admin') || (a[0] === 'user' && a[1] === 'create' && a.includes('--system-admin'));
    case 'synapse': return a.includes('-a') || a.includes('--admin');
    case 'mastodon': return a[0] === 'accounts' && (a[1] === 'modify' || a[1] === 'create') && /^(?:owner|admin)$/i.test(optionValue(a, ['--role']) ?? '');
    case 'gitea': return a[0] === 'admin' && a[1] === 'user' && a[2] === 'create' && a.includes('--admin');
    case 'mediawiki': return a[0] === 'createAndPromote' && a.some((w) => w === '--sysop' || w === '--bureaucrat' || w === '--interface-admin');
    case 'moodle': return a[0] === 'cfg' && a.some((w) => w === '--name=siteadmins') && a.some((w) => w.startsWith('--set='));
    default: return false;
  }
}

/**
 * A platform's protection taken away: Nextcloud's audit log app, password policy or brute-force protection off, its
 * two-factor enforcement lifted; Mattermost's audit file off; Moodle's log stores emptied.
 */
export function collabProtectionOff(c: SimpleCommand): string | undefined {
  const cmd = appCommand(c);
  if (!cmd) return undefined;
  const a = cmd.args;
  const said = `${cmd.app}: ${a.join(' ').slice(0, 160)}`;
  switch (cmd.app) {
    case 'nextcloud':
      if (a[0] === 'app:disable' || a[0] === 'app:remove') return a.slice(1).some((x) => /^(?:admin_audit|password_policy|bruteforcesettings|twofactor_\w{1,32}|suspicious_login|files_antivirus)$/.test(x)) ? said : undefined;
      if (a[0] === 'twofactorauth:enforce') return a.includes('--off') ? said : undefined;
      return a[0] === 'config:system:set' && a[1] === 'auth.bruteforce.protection.enabled' && a.some((w) => w === '--value=false' || w === '--value=0') ? said : undefined;
    case 'mattermost': return a[0] === 'config' && a[1] === 'set' && /^ExperimentalAuditSettings\.(?:FileEnabled|AdvancedLoggingConfig)$/.test(a[2] ?? '') && /^(?:false|)$/.test(a[3] ?? '') ? said : undefined;
    case 'moodle': return a[0] === 'cfg' && a.includes('--component=tool_log') && a.includes('--name=enabled_stores') && a.some((w) => w === '--set=' || w === '--set=""') ? said : undefined;
    default: return undefined;
  }
}

/** Every user or page deleted: one per item a listing or loop hands over, all at once by a flag, or a list piped to MediaWiki's deleteBatch. */
export function collabDestroyed(c: SimpleCommand): string | undefined {
  const cmd = appCommand(c);
  if (!cmd) return undefined;
  const a = cmd.args;
  const listed = c.wrappers.includes('xargs') || c.dynamic.some(Boolean);
  const said = `${cmd.app}: ${a.join(' ').slice(0, 160)}`;
  switch (cmd.app) {
    case 'nextcloud': return a[0] === 'user:delete' && listed ? said : undefined;
    case 'mattermost': return a[0] === 'user' && a[1] === 'delete' && a.includes('--all') ? said : undefined;
    case 'gitea': return a[0] === 'admin' && a[1] === 'user' && a[2] === 'delete' && listed ? said : undefined;
    case 'mediawiki': return a[0] === 'deleteBatch' && c.pipeFrom !== undefined ? said : undefined;
    default: return undefined;
  }
}
