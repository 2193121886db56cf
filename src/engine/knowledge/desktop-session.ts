import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg, operands } from '../rule.js';

/**
 * A user's desktop session and what guards it: the screen lock (GNOME's gsettings and dconf keys, KDE's
 * kscreenlockerrc, macOS's screensaver password), the display managers' login screen, automatic updates (GNOME
 * Software's downloads, unattended-upgrades, dnf-automatic, yum-cron), the browsers' machine-wide policies and
 * extension manifests, gpg-agent's passphrase prompt, and Flatpak's sandboxes.
 */

/** GNOME keys, by schema and key, whose value given here turns the lock or automatic updates off. */
const GNOME_PROTECTION_OFF = new Map([
  ['org.gnome.desktop.screensaver lock-enabled', 'false'],
  ['org.gnome.desktop.screensaver ubuntu-lock-on-suspend', 'false'],
  ['org.gnome.desktop.lockdown disable-lock-screen', 'true'],
  ['org.gnome.software download-updates', 'false'],
  ['org.gnome.software allow-updates', 'false'],
]);
/** The same keys as dconf paths (`/org/gnome/desktop/screensaver/lock-enabled`). */
const DCONF_PROTECTION_OFF = new Map([...GNOME_PROTECTION_OFF].map(([k, v]) => [`/${k.replace(' ', '/').replaceAll('.', '/')}`, v]));
/** KDE's screen locker keys that lock the screen when idle or on resume. */
const KDE_LOCK_KEYS = new Set(['Autolock', 'LockOnResume']);
/**
 * The services that install security updates by themselves. (apt's daily timers alone are masked on fleets whose
 * upgrades are rolled out centrally, so they do not count.)
 */
const UPDATE_UNITS = /^(?:unattended-upgrades|dnf-automatic(?:-install)?|yum-cron)(?:\.(?:service|timer))?$/;

/** The display managers' settings: LightDM's, GDM's and SDDM's, with their drop-in folders. */
const DISPLAY_MANAGER_CONFIG = /^\/etc\/(?:lightdm\/lightdm\.conf(?:\.d\/[^/]{1,128})?|gdm3?\/(?:custom|daemon)\.conf|sddm\.conf(?:\.d\/[^/]{1,128})?)$/;
/** A setting that logs someone in at boot with no password: LightDM's autologin user, GDM's automatic or timed login, SDDM's Autologin section. */
const AUTOLOGIN = /^[ \t]{0,16}(?:autologin-user[ \t]{0,16}=[ \t]{0,16}[\w.-]|(?:Automatic|Timed)LoginEnable[ \t]{0,16}=[ \t]{0,16}true\b|\[Autologin\])/im;

/** What a display manager's settings written here log in with no password, if anything. */
export function autologinSet(path: string, text: string): string | undefined {
  return DISPLAY_MANAGER_CONFIG.test(path) ? AUTOLOGIN.exec(text.slice(0, 16384))?.[0].trim() : undefined;
}

/** What a command turns off of the screen lock or of automatic updates, or of the login screen, if anything. */
export function protectionTurnedOff(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  const value = (v: string | undefined) => v?.replace(/^['"]|['"]$/g, '').toLowerCase();
  switch (c.name) {
    case 'gsettings': return a[1] === 'set' && GNOME_PROTECTION_OFF.get(`${a[2]} ${a[3]}`) === value(a[4]) ? said() : undefined;
    case 'dconf': return a[1] === 'write' && DCONF_PROTECTION_OFF.get(a[2] ?? '') === value(a[3]) ? said() : undefined;
    case 'kwriteconfig5': case 'kwriteconfig6': case 'kwriteconfig':
      return optionValue(a, ['--file']) === 'kscreenlockerrc' && KDE_LOCK_KEYS.has(optionValue(a, ['--key']) ?? '') && value(a[a.length - 1]) === 'false' ? said() : undefined;
    // (macOS: no password asked when the screensaver or sleep ends)
    case 'defaults': return hasArg(c, 'write') && hasArg(c, 'com.apple.screensaver') && hasArg(c, 'askForPassword') && value(a[a.length - 1]) === '0' ? said() : undefined;
    case 'systemctl': return hasArg(c, 'mask', 'disable') && operands(c).some((u) => UPDATE_UNITS.test(u)) ? said() : undefined;
    // (`crudini --set /etc/gdm3/custom.conf daemon AutomaticLoginEnable true`)
    case 'crudini': return a[1] === '--set' && autologinSet(a[2] ?? '', a[3] === 'Autologin' ? '[Autologin]' : `${a[4]}=${value(a[5])}`) ? said() : undefined;
    default: return undefined;
  }
}

/** Where browsers read policies and extension manifests that the machine imposes on every profile. */
const BROWSER_POLICY = /^\/etc\/(?:opt\/(?:chrome|edge)|chromium(?:-browser)?|brave)\/policies\/managed\/[^/]+\.json$|^\/(?:usr\/lib(?:64)?\/firefox(?:-esr)?\/distribution|etc\/firefox\/policies)\/policies\.json$|^\/(?:usr\/share|opt)\/(?:google-chrome|chromium|microsoft-edge|brave)\/extensions\/[^/]+\.json$/;
/** The browser vendors' own extension stores. */
const OFFICIAL_STORE = /^https:\/\/(?:clients2\.google\.com|edge\.microsoft\.com|addons\.mozilla\.org)\//;

/**
 * An extension forced into every profile from outside the browsers' stores, by a managed policy or an external
 * extension manifest: it reads every page, cookie and password typed, and the user cannot remove it.
 */
export function extensionForced(path: string, text: string): boolean {
  if (!BROWSER_POLICY.test(path)) return false;
  const t = text.slice(0, 16384);
  // where an extension comes from: a force-list entry's update URL (`id;URL`), an update or install URL, or Firefox's
  // Install list (a homepage or a proxy set in the same file is not an extension's source)
  const sources = [
    ...[...t.matchAll(/(?:;|"(?:external_update_url|update_url|install_url)"\s{0,8}:\s{0,8}")(https?:\/\/[^\s"';,\]]{1,512})/g)].map((m) => m[1]!),
    ...[...t.matchAll(/"Install"\s{0,8}:\s{0,8}\[([^\]]{0,4096})\]/g)].flatMap((m) => [...m[1]!.matchAll(/https?:\/\/[^\s"',\]]{1,512}/g)].map((u) => u[0])),
  ];
  return sources.some((u) => !OFFICIAL_STORE.test(u));
}

/** Where pinentry programs are installed: the system's, Homebrew's and MacPorts' folders, and macOS's applications. */
const INSTALLED_PROGRAM = /^(?:\/usr\/|\/opt\/homebrew\/|\/opt\/local\/|\/Applications\/|\/nix\/store\/|\/run\/current-system\/)/;

/**
 * gpg-agent told to ask for passphrases through a program outside the installed ones (`pinentry-program
 * ~/.local/bin/pinentry-gnome3`): it sees every passphrase typed into it.
 */
export function pinentrySwapped(path: string, text: string): string | undefined {
  if (!/(?:^|\/)\.gnupg\/gpg-agent\.conf$/.test(path)) return undefined;
  const program = /^[ \t]*pinentry-program[ \t]+(\S{1,512})/m.exec(text.slice(0, 8192))?.[1];
  return program !== undefined && !INSTALLED_PROGRAM.test(program) ? program : undefined;
}

/** What a Flatpak override may open that holds secrets: the Secret Service and KWallet, and the key and keyring folders. */
const SECRET_GRANT = /^--(?:talk-name|own-name|system-talk-name)=(?:org\.freedesktop\.secrets|org\.kde\.kwalletd\d?)$|^--filesystem=(?:~|home|\/home\/[^/]{1,64})\/(?:\.ssh|\.gnupg|\.local\/share\/keyrings|\.password-store)\b/;

/**
 * A Flatpak sandbox opened to the user's secrets (`flatpak override --talk-name=org.freedesktop.secrets APP`,
 * `--filesystem=~/.ssh`), or every app's opened to the home folder or the whole host (an override naming no app).
 */
export function sandboxOpened(c: SimpleCommand): string | undefined {
  if (c.name !== 'flatpak' || c.argv[1] !== 'override') return undefined;
  const grants = c.argv.slice(2, 64);
  const toEveryApp = !grants.some((w) => !w.startsWith('-')) && grants.some((w) => /^--filesystem=(?:home|host)(?::rw)?$/.test(w));
  return grants.find((w) => SECRET_GRANT.test(w)) ?? (toEveryApp ? c.argv.join(' ').slice(0, 200) : undefined);
}
