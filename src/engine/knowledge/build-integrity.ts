import type { SimpleCommand } from '../shell/types.js';
import { sedScripts, sedSubstitutions } from '../shell/sed-script.js';
import { automationFile } from './paths.js';
import { BUILD_TOOLS, COMPILER_DRIVER } from './programs.js';

/**
 * A build's integrity switched off: the exploit mitigations of the binaries it makes, the signatures of the artifacts
 * it ships, the checksums that pin what it downloads. Each is one step of a build compromise, and each is also the
 * quick way round a failing build, which is why a person should see it.
 */

/** Compiler and linker flags that build binaries without their mitigations: stack canaries, fortified calls, CET, a non-executable stack, RELRO. */
const MITIGATION_OFF = /^(?:-fno-stack-protector|-U_FORTIFY_SOURCE|-D_FORTIFY_SOURCE=0|-fcf-protection=none|-fno-stack-clash-protection|--disable-hardening|-zexecstack|-znorelro)$|(?:^|,)-z,(?:execstack|norelro)(?:,|$)/;
/** A word of a setting, split out of quoted flags lists and option values (`--copt=-fno-stack-protector`, `CFLAGS='-O2 …'`). */
const flagWords = (text: string) => text.slice(0, 8192).split(/[\s'"]+/, 512);

/** The first mitigation a list of words switches off; `-z execstack` is two words. */
function mitigationOff(words: readonly string[]): string | undefined {
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (MITIGATION_OFF.test(w)) return w;
    // (the flag as the value of an option or variable that passes it on)
    const passed = w.replace(/^--(?:host_)?(?:copt|cxxopt|conlyopt|linkopt)=|^-D\w{1,40}(?::\w{1,10})?=|^[A-Z]\w{0,30}=/, '');
    if (passed !== w && MITIGATION_OFF.test(passed)) return passed;
    if (w === '-z' && /^(?:execstack|norelro)$/.test(words[k + 1] ?? '')) return `-z ${words[k + 1]}`;
  }
  return undefined;
}

/** Files whose text sets how everything is built: build files, Bazel's rc files, make fragments, BitBake's local.conf. */
const BUILD_SETTINGS = /\.(?:mk|mak|bzl|cmake)$|(?:^|\/)\.?bazelrc$|(?:^|\/)conf\/(?:local|auto)\.conf$/;
const buildSettings = (path: string) => BUILD_SETTINGS.test(path) || automationFile(path);

/** Dependency pins a build checks downloads against: Bazel's sha256 and integrity, CMake's URL_HASH, Meson's and others' checksum fields. */
const PIN = /sha256|integrity|URL_HASH|EXPECTED_HASH|checksum/i;
/** A sed address that deletes the lines holding a pin (`/sha256 = /d`). */
const PIN_LINES_DELETED = /\/[^/\n]{0,120}(?:sha256|integrity|URL_HASH|EXPECTED_HASH|checksum)[^/\n]{0,120}\/\s{0,4}d/i;

/** Programs and options that take an artifact's signature off. */
function signatureStripped(c: SimpleCommand): string | undefined {
  const a = c.argv;
  if (c.name === 'osslsigncode' && a[1] === 'remove-signature') return 'an executable\'s Authenticode signature removed';
  if (c.name === 'signtool' && a[1]?.toLowerCase() === 'remove') return 'an executable\'s signature removed';
  if (c.name === 'rpm' && a.includes('--delsign')) return 'a package\'s signature removed';
  if (c.name === 'dpkg-sig' && a.some((w) => w === '--remove' || w === '-r')) return 'a package\'s signature removed';
  // a jar's signature files, which is also how a fat jar is made to load, hence only when the jar is a release's
  if (c.name === 'zip' && a.includes('-d') && a.some((w) => /^META-INF\/\*?\.(?:SF|RSA|DSA|EC)$/i.test(w)) && a.some((w) => /(?:^|\/)(?:dist|release|releases|out)\//.test(w))) return 'a released jar\'s signature files removed';
  return undefined;
}

/** A release's signatures or checksum files deleted by a command whose line then publishes the release (`rm dist/*.sig && gh release upload …`). */
function signaturesDroppedBeforePublish(c: SimpleCommand, line: readonly SimpleCommand[]): string | undefined {
  if (c.name !== 'rm' || !c.argv.some((w) => /\.(?:sig|asc|minisig|sigstore(?:\.json)?)$|SHA256SUMS|SHASUMS/.test(w))) return undefined;
  return line.some(publishes) ? 'the release\'s signatures deleted before it is published' : undefined;
}
const publishes = (c: SimpleCommand) => (c.name === 'gh' && c.argv[1] === 'release' && (c.argv[2] === 'upload' || c.argv[2] === 'create')) || (c.name === 'twine' && c.argv[1] === 'upload') || (c.name === 'npm' && c.argv[1] === 'publish') || (c.name === 'aws' && c.argv[1] === 's3' && (c.argv[2] === 'cp' || c.argv[2] === 'sync'));

/** What a command switches off of its build's integrity. */
export function buildIntegrityOff(c: SimpleCommand, line: readonly SimpleCommand[]): string | undefined {
  const stripped = signatureStripped(c) ?? signaturesDroppedBeforePublish(c, line);
  if (stripped) return stripped;
  if (c.name === 'execstack' && c.argv.includes('-s')) return 'a binary\'s stack made executable';
  if (COMPILER_DRIVER.test(c.name) || BUILD_TOOLS.has(c.name) || c.assignments.length > 0 || c.name === 'export') {
    const off = mitigationOff([...c.argv.slice(1, 256).flatMap(flagWords), ...c.assignments.flatMap((x) => flagWords(x.value))]);
    // (a one-off build without them is how exploits are studied and kernels and boot code are built; a release build is shipped)
    if (off && (off === '--disable-hardening' || c.argv.slice(0, 256).some((w) => RELEASE.test(w)))) return `a release built without its mitigations (${off})`;
  }
  // a sed that deletes a build file's pins, or replaces them with nothing
  const sed = c.name === 'sed' ? sedScripts(c.argv) : undefined;
  if (sed?.files.some(buildSettings)) {
    if (sed.scripts.some((s) => PIN_LINES_DELETED.test(s.slice(0, 4096))) || sedSubstitutions(c.argv).some(([from, to]) => PIN.test(from) && to.trim() === '')) return 'the checksums pinning the build\'s downloads deleted';
  }
  return undefined;
}
/** A word naming a release build: a build type, a configuration, a release output folder. */
const RELEASE = /release|RelWithDebInfo|MinSizeRel|(?:^|\/)dist\//i;

/** What a build settings file, as written, switches off: mitigations in its flags, or BitBake's checksum checks. */
export function buildSettingsIntegrityOff(path: string, text: string): string | undefined {
  if (!buildSettings(path)) return undefined;
  if (/^\s*BB_STRICT_CHECKSUM\s*\??=\s*["']0["']/m.test(text.slice(0, 65536))) return 'BitBake\'s checksum checks switched off';
  const off = mitigationOff(flagWords(text));
  return off ? `binaries built without their mitigations (${off})` : undefined;
}
