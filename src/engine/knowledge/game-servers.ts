/**
 * Game servers' own administrators: the files that list who is operator or admin (Minecraft's ops.json, SourceMod's
 * admins, Valheim's adminlist, ARK's cheater list, 7 Days to Die's serveradmin.xml, Factorio's admin list), and the
 * console commands that hand a player every permission (LuckPerms' `permission set * true`, Oxide's `grant user … *`,
 * Rust's `ownerid`). An admin of a game server runs its console: items, bans, maps, and with some plugins the shell.
 */
import type { SimpleCommand } from '../shell/types.js';

const ADMIN_FILE = /(?:^|\/)(?:ops\.json|adminlist\.txt|admins_simple\.ini|admins\.cfg|serveradmin\.xml|server-adminlist\.json|AllowedCheaterSteamIDs\.txt)$/;

/**
 * An entry put into an admin list: a JSON player record, a jq filter that adds to the list (`. += [{…}]`, `. + ["name"]`),
 * SourceMod's `"STEAM_…" "flags"` line, an `<admin steamID=…>` element, a bare 64-bit Steam id. A sed that deletes a
 * line, or a jq filter that selects, puts in none of them.
 */
export function adminListGrown(path: string, text: string): string | undefined {
  return ADMIN_FILE.test(path) ? ADMIN_ENTRY.exec(text.slice(0, 16_384))?.[0].trim() : undefined;
}
const ADMIN_ENTRY = new RegExp(`"uuid"\\s*:|"name"\\s*:|\\+=|\\+\\s*\\[|\\|=\\s*\\.\\s*\\+|"STEAM_\\d:\\d:\\d{1,12}"\\s+"|<admin\\s[^>]{0,200}steamID=|^[ \\t]*\\d{17}[ \\t]*$`, 'm');
/** Console commands that grant everything: LuckPerms' wildcard, Oxide's wildcard grant, Rust's owner list. */
const GRANTS_ALL = /\bpermission\s+set\s+["']?\*["']?\s+true\b|\boxide\.grant\s+(?:user|group)\s+\S+\s+["']?\*|\bownerid\s+\d{5,}/i;

export function adminGranted(c: SimpleCommand): string | undefined {
  // (given through an RCON client, `docker exec … rcon-cli`, LinuxGSM's `send`, or typed into the console's tmux pane;
  // a search of logs or docs for the words grants nothing)
  if (SEARCHERS.has(c.name)) return undefined;
  return c.argv.some((w) => w.length < 1024 && GRANTS_ALL.test(w)) ? c.argv.join(' ') : undefined;
}
const SEARCHERS = new Set(['grep', 'egrep', 'fgrep', 'zgrep', 'rg', 'ag', 'ack', 'git', 'less', 'more', 'jq', 'awk', 'sed']);
