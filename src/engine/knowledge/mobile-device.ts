import type { SimpleCommand } from '../shell/types.js';
import { optionValue } from '../shell/command-args.js';
import { hasArg, operands } from '../rule.js';
import { canonicalPath, inDownloadsOrTemp } from './paths.js';

/**
 * A phone connected to a developer's machine, reached through adb, libimobiledevice and the instrumentation tools
 * (Frida, objection). A mobile team works on its own app, a debug build, on an emulator; what these readers answer
 * is what a command does to the rest of the phone: another app's private data taken, an app given control of the
 * phone, the phone's debugging opened to the network.
 */

/**
 * Apps that hold a person's private life or money: messengers, mail, authenticators, banks and wallets, by package
 * or bundle id (`com.whatsapp`, `org.thoughtcrime.securesms`, `net.whatsapp.WhatsApp`) or process name (`Signal`).
 */
const PERSONAL_APP = /^(?:com\.whatsapp(?:\.w4b)?|net\.whatsapp\.WhatsApp|org\.thoughtcrime\.securesms|org\.whispersystems\.signal|org\.telegram\.messenger|ph\.telegra\.Telegraph|com\.facebook\.orca|com\.viber\.voip|com\.discord|com\.google\.android\.gm|com\.microsoft\.office\.outlook|com\.google\.android\.apps\.authenticator2|com\.azure\.authenticator|com\.authy\.authy|com\.duosecurity\.duomobile|com\.paypal\.android\.p2pmobile|com\.revolut\.revolut|com\.chase\.sig\.android|co\.uk\.getmondo|de\.number26\.android|com\.coinbase\.android|com\.binance\.dev|io\.metamask|Signal|WhatsApp|Telegram)$/;
/** The private folders of such an app: its data folder and its shared media folder. */
const PERSONAL_FOLDER = /^\/(?:data\/data|data\/user\/\d{1,3}|sdcard\/Android\/(?:data|media)|storage\/emulated\/\d{1,3}\/Android\/(?:data|media))\/([\w.]{1,128})(?:\/|$)/;
/** The phone's own camera roll and pictures, taken whole. */
const PHOTO_FOLDER = /^\/(?:sdcard|storage\/emulated\/\d{1,3})\/(?:DCIM(?:\/Camera)?|Pictures)\/?$/;

const privateAppFolder = (p: string) => PHOTO_FOLDER.test(p) || PERSONAL_APP.test(PERSONAL_FOLDER.exec(p)?.[1] ?? '');

/**
 * Another app's private data taken from a phone: a messenger's, authenticator's or bank's backup, database or data
 * cleared, its process instrumented, the camera roll pulled whole, every notification's text dumped.
 */
export function phoneDataTaken(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  switch (c.name) {
    case 'adb': return (hasArg(c, 'backup') && operands(c).some((o) => PERSONAL_APP.test(o))) || (hasArg(c, 'pull') && operands(c).some(privateAppFolder)) ? said() : undefined;
    // run on the phone (`adb shell run-as com.whatsapp …`, `pm clear com.whatsapp`, `cp /data/data/org.thoughtcrime.securesms/…`)
    case 'run-as': return PERSONAL_APP.test(a[1] ?? '') ? said() : undefined;
    case 'pm': return a[1] === 'clear' && operands(c).some((o) => PERSONAL_APP.test(o)) ? said() : undefined;
    case 'cp': case 'cat': case 'tar': case 'sqlite3': return operands(c).some(privateAppFolder) ? said() : undefined;
    case 'dumpsys': return a[1] === 'notification' && hasArg(c, '--noredact') ? said() : undefined;
    // an app's process instrumented: its keys, messages and one-time codes read from memory
    case 'frida': case 'frida-trace': return PERSONAL_APP.test(optionValue(a, ['-f', '-n', '-N']) ?? '') ? said() : undefined;
    case 'objection': return PERSONAL_APP.test(optionValue(a, ['-g', '--gadget']) ?? '') ? said() : undefined;
    default: return undefined;
  }
}

/** Permissions that read a person's messages, calls, contacts, location and microphone. */
const DANGEROUS_PERMISSION = /^android\.permission\.(?:READ_SMS|RECEIVE_SMS|SEND_SMS|READ_CONTACTS|READ_CALL_LOG|RECORD_AUDIO|ACCESS_FINE_LOCATION|ACCESS_BACKGROUND_LOCATION|READ_PHONE_STATE|READ_PHONE_NUMBERS|PROCESS_OUTGOING_CALLS|BODY_SENSORS)$/;
/** App operations that draw over other apps, record the screen or keep a service alive. */
const CONTROLLING_OPS = /^(?:android:)?(?:PROJECT_MEDIA|SYSTEM_ALERT_WINDOW|project_media|system_alert_window)$/;
/** A team's own build (a debug or staging variant), and the phone's own accessibility services. */
const OWN_OR_SYSTEM = /\.(?:debug|dev|staging|qa)(?:\/|$)|^com\.google\.android\.(?:marvin\.talkback|accessibility)|^com\.android\./;

/**
 * An app given control of a phone: messages, contacts or the microphone granted to it, an accessibility service or
 * notification listener of its made active (it reads the screen and every notification, and taps for the user), the
 * screen recorded or drawn over, the app made the device's owner, an app from Downloads installed with every permission.
 */
export function phoneControlGiven(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  const stranger = (pkg: string | undefined) => pkg !== undefined && pkg !== '' && !OWN_OR_SYSTEM.test(pkg);
  switch (c.name) {
    case 'pm': return a[1] === 'grant' && stranger(a[2]) && DANGEROUS_PERMISSION.test(a[3] ?? '') ? said() : undefined;
    case 'settings': return a[1] === 'put' && a[2] === 'secure' && a[3] === 'enabled_accessibility_services' && (a[4] ?? '').split(':').some(stranger) ? said() : undefined;
    case 'cmd': return a[1] === 'notification' && a[2] === 'allow_listener' && stranger(a[3]) ? said() : undefined;
    case 'dpm': return /^set-(?:device|profile)-owner$/.test(a[1] ?? '') ? said() : undefined;
    case 'appops': return a[1] === 'set' && stranger(a[2]) && CONTROLLING_OPS.test(a[3] ?? '') && a[4] === 'allow' ? said() : undefined;
    case 'adb': return hasArg(c, 'install') && hasArg(c, '-g') && operands(c).some((o) => inDownloadsOrTemp(canonicalPath(o))) ? said() : undefined;
    default: return undefined;
  }
}

/** A phone's debugging opened to the network: adb over TCP (`adb tcpip 5555`, `persist.adb.tcp.port`, wireless debugging on), or the adb server listening on every interface. */
export function phoneDebuggingOpened(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  switch (c.name) {
    case 'adb': return hasArg(c, 'tcpip') || (hasArg(c, '-a') && hasArg(c, 'server', 'start-server')) ? said() : undefined;
    case 'setprop': return /^(?:persist\.)?(?:adb\.tcp\.port|service\.adb\.tcp\.port)$/.test(a[1] ?? '') && /^\d{2,5}$/.test(a[2] ?? '') ? said() : undefined;
    case 'settings': return a[1] === 'put' && a[2] === 'global' && a[3] === 'adb_wifi_enabled' && a[4] === '1' ? said() : undefined;
    default: return undefined;
  }
}

/** A file from outside the project's build: a temp folder, Downloads, or one named as changed after the build. */
const CHANGED_AFTER_BUILD = /(?:^|[/_.-])(?:patched|injected|resigned|re-signed|mod(?:ded)?|cracked)(?=[/_.-]|$)/i;
const foreign = (p: string | undefined) => p !== undefined && (inDownloadsOrTemp(canonicalPath(p)) || CHANGED_AFTER_BUILD.test(p));

/**
 * An app's release signed or published from outside its build: signed with a keystore from Downloads or a temp
 * folder, a binary changed after the build uploaded to the stores, a library injected into it, an over-the-air bundle
 * built elsewhere pushed straight to production, where every installed copy runs it.
 */
export function releaseTampered(c: SimpleCommand): string | undefined {
  const a = c.argv;
  const said = () => a.join(' ').slice(0, 200);
  const ops = operands(c);
  switch (c.name) {
    case 'apksigner': return a[1] === 'sign' && (foreign(optionValue(a, ['--ks'])) || ops.slice(1).some(foreign)) ? said() : undefined;
    case 'jarsigner': return !hasArg(c, '-verify') && (foreign(optionValue(a, ['-keystore'])) || ops.some(foreign)) ? said() : undefined;
    // a dylib added to an app's load commands, then the app re-signed
    case 'optool': case 'insert_dylib': return a[1] === 'install' || c.name === 'insert_dylib' ? said() : undefined;
    case 'fastlane': case 'bundle': {
      const lane = a.indexOf('fastlane') >= 0 ? a[a.indexOf('fastlane') + 1] : undefined;
      return /^(?:supply|deliver|pilot|upload_to_play_store|upload_to_app_store|upload_to_testflight)$/.test(lane ?? '') && ['--apk', '--aab', '--ipa', '--pkg'].some((o) => foreign(optionValue(a, [o]))) ? said() : undefined;
    }
    case 'xcrun': return a[1] === 'altool' && hasArg(c, '--upload-app') && foreign(optionValue(a, ['-f', '--file'])) ? said() : undefined;
    // over the air: a prebuilt bundle (`release`, not `release-react`) made mandatory or sent to everyone on Production
    case 'appcenter': case 'code-push': {
      const release = c.name === 'appcenter' ? a[1] === 'codepush' && a[2] === 'release' : a[1] === 'release';
      const production = (optionValue(a, ['-d', '--deployment-name']) ?? '') === 'Production';
      return release && production && (hasArg(c, '--mandatory', '-m') || optionValue(a, ['-r', '--rollout']) === '100' || ops.some(foreign)) ? said() : undefined;
    }
    case 'eas': return a[1] === 'update' && /^prod(?:uction)?$/.test(optionValue(a, ['--branch', '--channel']) ?? '') && hasArg(c, '--skip-bundler') ? said() : undefined;
    default: return undefined;
  }
}

/** An app's signing keystore, other than the debug one every machine makes for itself and a test's. */
const RELEASE_KEYSTORE = (p: string) => /\.(?:jks|keystore)$/.test(p) && !/(?:^|\/)debug\.keystore$|(?:^|\/)(?:test|tests|testdata|fixtures)\//.test(p);

/**
 * An app's upload or release key destroyed or locked away: its key's alias deleted from the keystore, or the
 * keystore's or key's password changed. Without the key, no update of the app can be signed.
 */
export function signingKeyDestroyed(c: SimpleCommand): string | undefined {
  return c.name === 'keytool' && hasArg(c, '-delete', '-storepasswd', '-keypasswd') && RELEASE_KEYSTORE(optionValue(c.argv, ['-keystore']) ?? '') ? c.argv.join(' ').slice(0, 200) : undefined;
}

/** Firebase's security rules that let anyone read and write: Firestore's or Storage's `allow read, write: if true`, the Realtime Database's `.read` and `.write` true. */
const FIREBASE_RULES = /(?:^|\/)(?:firestore|storage)\.rules$|(?:^|\/)database\.rules\.json$/;
const OPEN_RULE = /allow[ \t]{1,8}(?:read,[ \t]{0,8}write|write,[ \t]{0,8}read|read|write)[ \t]{0,8}(?::[ \t]{0,8}if[ \t]{1,8}true|;)|"\.(?:read|write)"[ \t]{0,8}:[ \t]{0,8}(?:true|"true")/;

/** What a Firebase rules file written here opens to everyone, if it does. */
export function firebaseRulesOpened(path: string, text: string): string | undefined {
  return FIREBASE_RULES.test(path) ? OPEN_RULE.exec(text.slice(0, 32768))?.[0] : undefined;
}
