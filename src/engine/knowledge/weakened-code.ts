import { fileEdits, type FileEdit } from '../tool-shape.js';
import type { ToolCall } from '../toolcall.js';
import { perCall } from '../rule.js';

/**
 * What an edit does to a program's defences, read from the text it puts in and the text it takes out. An idiom
 * counts only when the edit brings it in (the text it replaces did not have it), so a file that already skipped
 * TLS checks in its tests is not judged again for an unrelated change.
 */
interface Idiom {
  what: string;
  /** tested on each line the edit adds */
  line: RegExp;
  /** and, when given, on the file's path */
  path?: RegExp;
  /** and, when given, only when a line the edit removes matched this (a range narrowed before, an action list) */
  replaced?: RegExp;
  /** and, when given, only when the edit's text speaks of this (a login, a key) */
  about?: RegExp;
  /** and, when given, not when the text it puts in does this instead (a webhook that checks its sender's signature) */
  unless?: RegExp;
}

/** Protections switched off: alerts, for a person to read the change. */
const WEAKENINGS: readonly Idiom[] = [
  { what: 'turns TLS certificate checks off', line: /ServerCertificateCustomValidationCallback\s*=\s*\([^)\n]{0,40}\)\s*=>\s*true\b|ServerCertificateValidationCallback\s*\+?=\s*\([^)\n]{0,40}\)\s*=>\s*true\b|void\s+checkServerTrusted\([^)\n]{0,80}\)\s*(?:throws\s+\w+\s*)?\{\s*\}|\bverify\s*=\s*False\b|InsecureSkipVerify\s*:\s*true|rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*['"]?0|CURLOPT_SSL_VERIFY(?:PEER|HOST)\s*,\s*(?:false|0)\b|_create_unverified_context|check_hostname\s*=\s*False|\bCERT_NONE\b|\bVERIFY_NONE\b|(?:ssl_?verify|verify_?ssl)\s*[:=]\s*(?:false|False|0)\b|disable_warnings\(|insecure_ssl\s*[:=]\s*(?:true|"1")/i },
  { what: 'lets any origin make credentialed requests', line: /\borigin\s*:\s*(?:true|['"]\*['"])|CORS_(?:ORIGIN_)?ALLOW_ALL(?:_ORIGINS)?\s*=\s*True|allow_origins\s*=\s*\[\s*['"]\*['"]|AllowAnyOrigin\(\)|allowedOrigins\(\s*['"]\*['"]|\(\s*null\s*,\s*true\s*\)/ , replaced: /origin|cors/i },
  { what: 'turns debug mode on in production', line: /^\s*DEBUG\s*=\s*(?:True|true|1)\b/, path: /prod/i },
  { what: 'widens a network rule to the whole internet', line: /0\.0\.0\.0\/0|::\/0/, replaced: /cidr|CidrIp|source_ranges|ingress|\d+\.\d+\.\d+\.\d+\/\d+/i },
  // a whole other account trusted where a policy names who may act (the account's root stands for all of it)
  { what: 'trusts every principal of an AWS account', line: /identifiers\s*=\s*\[[^\]\n]{0,200}"arn:aws:iam::\d{12}:root"|"AWS"\s*:\s*(?:\[\s*)?"arn:aws:iam::\d{12}:root"/, replaced: /principals|Principal/ },
  // a scanning job in CI kept from running or from failing the build
  { what: 'switches off a security scan in CI', line: /^\s*if\s*:\s*(?:\$\{\{\s*)?false\b|^\s*when\s*:\s*never\b|^\s*continue-on-error\s*:\s*true\b|^\s*allow_failure\s*:\s*true\b/, path: /\.github\/workflows\/[^/]+\.ya?ml$|\.gitlab-ci\.ya?ml$/, about: /codeql|secur|scan|audit|gitleaks|trufflehog|semgrep|snyk|trivy|sast|sonar|grype|osv|dependabot/i },
  { what: 'grants every principal or every action', line: /"?Principal"?\s*[:=]\s*(?:"\*"|\{\s*"?AWS"?\s*[:=]\s*"\*")|"?Action"?\s*[:=]\s*\[?\s*"\*"/, replaced: /Principal|Action/ },
  { what: 'hashes passwords with MD5 or SHA-1', line: /\b(?:md5|sha1)\(\s*(?:\w+\.)?(?:pw|pwd|pass|passwd|password)\b|createHash\(\s*['"](?:md5|sha1)['"]\s*\)\.update\(\s*(?:pw|pwd|pass|passwd|password)\b/i },
  { what: 'writes passwords or one-time codes to a log', line: /\b(?:log(?:ger)?|console|logging)\.(?:info|debug|log|warn|warning|error)\(.{0,300}(?:\$\{\s*(?:\w+\.)?(?:password|passwd|pwd|otp|totp\w*|mfa_?code)\s*\}|\{(?:password|passwd|otp)\}|\+\s*(?:password|passwd)\b)/i },
  // a pull request workflow switched to the trigger that runs with the repository's secrets for forks' pull requests
  { what: "gives forks' pull requests the repository's secrets", line: /^\s*pull_request_target\s*:?\s*$/, path: /\.github\/workflows\/[^/]+\.ya?ml$/, replaced: /^\s*pull_request\s*:?\s*$/ },
  { what: "stops checking when tokens expire", line: /verify_?exp\w*['"]?\s*[:=]\s*False\b|ignoreExpiration['"]?\s*:\s*true\b|JWT_VERIFY_EXPIRATION\s*=\s*False\b/i },
  // (a webhook's endpoint is exempt by design, and checks its sender's signature instead)
  // a container's confinement traded for the host's processes and disk, in an edit of its settings (monitoring agents
  // and storage drivers are written whole that way, and stay quiet)
  { what: 'makes a container privileged', line: /^\s*privileged\s*:\s*true\b|"--privileged"|"privileged"\s*:\s*true\b|--(?:pid|ipc)=host\b|"-v"\s*,\s*"\/:\/|hostPath\s*:\s*\{?\s*path\s*:\s*["']?\/["']?\s*(?:\}|$)/, path: /\.(?:ya?ml|json|jsonc)$/, replaced: /securityContext|runAsNonRoot|allowPrivilegeEscalation|privileged|runArgs|cap_add|capabilities|--cap-add|hostPath|volumes/i },
  // for every host: a server's key never checked, or the agent's keys lent to each machine logged in to
  { what: 'turns SSH host key checks off, or forwards the SSH agent, for every host', line: /^\s*(?:StrictHostKeyChecking\s+(?:no|off|accept-new)|UserKnownHostsFile\s+\/dev\/null|ForwardAgent\s+yes)\b/i, path: /(?:^|\/)(?:\.ssh\/config|ssh_config)$/, about: /^\s*Host\s+\*\s*$/m },
  { what: 'serves the process environment, and the secrets in it', line: /\b(?:res|reply|ctx|response)\.(?:json|send|body)\(\s*process\.env\s*\)|jsonify\(\s*(?:dict\(\s*)?os\.environ\b|JSONResponse\(\s*(?:dict\(\s*)?os\.environ\b|return\s+(?:dict\(\s*)?os\.environ\b|json\.NewEncoder\(w\)\.Encode\(\s*os\.Environ\(\)/ },
  // installed set-user-ID: whoever runs the program runs it as its owner, root here
  { what: 'installs a program set-user-ID', line: /\binstall\b[^\n]{0,120}\s-m\s*0?[4-7][0-7]{3}\b|\bchmod\s+(?:[ugo]*\+[rwx]*s|0?[4-7][0-7]{3})\b/, path: /(?:^|\/)(?:Makefile|GNUmakefile|[\w.-]+\.mk|[\w.-]+\.sh|Dockerfile|Containerfile)$/ },
  // a shell into the job anyone can reach: it holds the job's secrets and its token
  { what: 'opens a remote shell into the CI job', line: /^\s*(?:-\s*)?uses\s*:\s*(?:mxschmitt\/action-tmate|lhotari\/action-upterm|owenthereal\/action-upterm|csexton\/debugger-action)@/, path: /\.github\/workflows\/[^/]+\.ya?ml$/ },
  { what: 'deserializes objects from untrusted YAML', line: /\byaml\.load\([^\n]{0,200}?Loader\s*=\s*yaml\.(?:Unsafe|Full)?Loader\b|\byaml\.unsafe_load\(/, replaced: /safe_load|SafeLoader/ },
  // a signing secret that falls back to a word anyone can guess when the setting is missing
  { what: 'falls back to a guessable signing secret', line: /(?:secret|signing_?key|session_?key)\w{0,12}['"]?\s*[:=]\s*(?:process\.env\.\w+|os\.environ\.get\(\s*['"]\w+['"]\s*\)|ENV\[['"]\w+['"]\])\s*(?:\|\||\?\?|or)\s*['"](?:changeme|change-me|secret|password|default|insecure|dev|test)\w{0,12}['"]/i },
  { what: 'exempts a view from CSRF checks', line: /@csrf_exempt\b|skip_forgery_protection|skip_before_action\s*:verify_authenticity_token|csrf\(\)\.disable\(\)|\bcsrf\s*:\s*false\b/, unless: /construct_event|compare_digest|verify_signature\(|\bhmac\b|-Signature['"]/i },
  // a device's firmware configuration: updates over plain HTTP, a shell on the network
  { what: 'lets over-the-air updates come over plain HTTP', line: /^\s*CONFIG_ESP_HTTPS_OTA_ALLOW_HTTP=y\b/ },
  { what: "opens a shell on the device's network port", line: /^\s*CONFIG_SHELL_BACKEND_TELNET=y\b/ },
  { what: "stops checking update artifacts' signatures", line: /"SkipVerify"\s*:\s*true\b/ },
];

/** Defences whose removal is the weakening: a CSRF middleware, an authentication check. */
const REMOVED: ReadonlyArray<{ what: string; line: RegExp; path?: RegExp }> = [
  // a device's secure boot and flash encryption, or the key its updater checks artifacts with
  { what: 'turns secure boot or flash encryption off', line: /^\s*CONFIG_SECURE_(?:BOOT|BOOT_V2_ENABLED|FLASH_ENC_ENABLED|BOOT_BUILD_SIGNED_BINARIES|FLASH_ENCRYPTION_MODE_RELEASE)=y\b|^\s*SB_CONFIG_BOOT_SIGNATURE_TYPE_(?:ECDSA_P256|RSA|ED25519)=y\b/ },
  { what: "stops checking update artifacts' signatures", line: /"ArtifactVerifyKey"\s*:/ },
  { what: 'takes the signing step out of a release pipeline', line: /^\s*(?:-\s*)?(?:name|uses|run)\s*:[^\n]{0,200}\b(?:sign|signer|signing|cosign|sign_data|codesign)\b/i, path: /\.github\/workflows\/|\.gitlab-ci\.ya?ml$|(?:^|\/)Jenkinsfile$|\.circleci\// },
  { what: 'removes CSRF protection', line: /CsrfViewMiddleware|protect_from_forgery|CSRFProtect\(|csurf\(|csrfProtection/ },
  { what: 'removes an authentication check', line: /\[Authorize\b|@PreAuthorize\(|@Secured\(|@RolesAllowed\(|before_action\s+:authenticate|\b40[13]\b|\bUnauthori[sz]ed\b|\bStatus(?:Forbidden|Unauthorized)\b|HttpStatus\.(?:FORBIDDEN|UNAUTHORIZED)\b|PermissionDenied|login_required|is_authenticated|requireAuth|authenticate\(|HTTPException\(\s*status_code\s*=\s*40[13]/ },
];

/** Ways in planted in code: blocks. */
const BACKDOORS: readonly Idiom[] = [
  { what: 'accepts tokens without checking their signature', line: /\.alg\s*={2,3}\s*['"]none['"]|verify_signature['"]?\s*:\s*False|algorithms['"]?\s*[:=]\s*\[[^\]\n]{0,80}['"]none['"]|ParseUnverified\(|ignoreSignature\s*:\s*true|jwt\.decode\([^)\n]{0,200}verify\s*=\s*False|\.decode\(\s*token\s*,\s*options\s*=\s*\{\s*["']verify_signature["']\s*:\s*False/i },
  // a value compared with a literal that looks like a secret (letters with digits or signs), in code about logging in
  { what: 'lets a fixed password, key or header value in', line: /(?:={2,3}|!==?|\.equals\()\s*['"](?=[^'"\n]{0,64}[\d!@#$%^&*])[^'"\s]{6,64}['"]|['"](?=[^'"\n]{0,64}[\d!@#$%^&*])[^'"\s]{6,64}['"]\s*(?:={2,3}|!==?|\.equals\()/, about: /password|passwd|authenticat|login|api_?key|getHeader|headers\[|Header\.Get\(|headers\.get\(|token|secret/i },
  // (a handler's request object by any short name: `(q, r) => exec(q.query.c, …)`)
  { what: 'runs commands sent in a request', line: /(?:subprocess\.\w+|os\.system|os\.popen|child_process|execSync|Runtime\.getRuntime\(\)\.exec|shell_exec|passthru|\bexec|\beval|exec\.Command|\bsystem)\(.{0,200}(?:request\.|req\.(?:query|body|params|headers)|\b[a-z]\w{0,11}\.(?:query|body|params)\.\w|\$_(?:GET|POST|REQUEST)|getParameter\(|\br\.URL\.Query\(\)|\br\.(?:Post)?FormValue\(|\bparams\[)/ },
  // an administrator with a password written in, made by a migration: every deploy creates the way in
  { what: 'creates an administrator with a fixed password in a migration', line: /\bpassword\w{0,20}['"]?\s*(?:=|:|=>)\s*['"][^'"\s]{8,64}['"]/i, path: /(?:^|\/)migrat(?:e|ions)\//, about: /\badmin\w{0,12}['"]?\s*(?:=|:|=>)\s*(?:true|True|1)\b|is_superuser\s*=\s*True|role['"]?\s*(?:=|:|=>)\s*['"](?:admin|owner|superuser)['"]/ },
  // a module imported from whatever address the page's query string names: anyone's script in the page, by a link
  { what: "loads code the page's address names", line: /\bimport\(\s*(?:\/\*[^*\n]{0,60}\*\/\s*)?[a-z_]\w*\s*\)/, about: /URLSearchParams\(\s*(?:window\.)?location\.(?:search|hash)/ },
  // Ruby's backticks around a request's parameter (`#{params[:cmd]}`)
  { what: 'runs commands sent in a request', line: /`[^`\n]{0,200}#\{params\[/ },
  // or a route the edit adds whose handler hands a variable to a shell (`def _diag(c: str): subprocess.check_output(c, shell=True)`)
  // (a shell given a variable: `ProcessStartInfo("cmd.exe", "/c " + h)`, `Command::new("bash").arg("-c").arg(&c)`)
  { what: 'runs commands sent in a request', line: /subprocess\.\w+\(\s*[a-z_]\w*\s*,.{0,200}shell\s*=\s*True|os\.(?:system|popen)\(\s*[a-z_]|execSync\(\s*[a-z_]|Runtime\.getRuntime\(\)\.exec\(\s*[a-z_]|ProcessStartInfo\(\s*"(?:cmd(?:\.exe)?|powershell(?:\.exe)?|\/bin\/(?:ba)?sh)"\s*,\s*"[^"\n]{0,20}"\s*\+\s*[a-z_]|Command::new\(\s*"(?:ba)?sh"\s*\)\s*\.arg\(\s*"-c"\s*\)\s*\.arg\(\s*&?[a-z_]/, about: /@(?:app|router|bp|api|blueprint)\.(?:get|post|put|delete|patch|route|api_route)\(|\b(?:app|router)\.(?:get|post|put|all)\(\s*['"]|@(?:Get|Post|Request)Mapping|\[Http(?:Get|Post|Put|Delete)\b|\[FromQuery\]|\bQuery\(\s*\w+\s*\)\s*:\s*Query</ },
  // a device image built for production with a way in: root with no password or allowed to log in, a telnet server
  { what: 'builds a production image with an empty root password or root login', line: /IMAGE_FEATURES[^\n]{0,40}=[^\n]{0,200}\b(?:debug-tweaks|empty-root-password|allow-empty-password|allow-root-login)\b|^\s*BR2_TARGET_GENERIC_ROOT_PASSWD=""\s*$/, path: /prod|release/i },
  { what: 'puts a telnet server in a production image', line: /IMAGE_INSTALL[^\n]{0,40}=[^\n]{0,200}\b(?:busybox-telnetd|telnetd|inetutils-telnetd)\b|^\s*BR2_PACKAGE_BUSYBOX_TELNETD=y\b|^\s*CONFIG_TELNETD=y\b/, path: /prod|release/i },
];

/** Source code, container and CI definitions: files a repository ships and its builds run. */
export const SHIPPED_CODE = /\.(?:[cm]?[jt]sx?|py|go|rb|java|kt|kts|scala|swift|cs|php|rs|exs?|dart|tf|gradle)$|(?:^|\/)(?:Dockerfile|Containerfile)(?:\.[\w.-]+)?$|(?:^|\/)(?:docker-)?compose[\w.-]*\.ya?ml$|\.github\/workflows\/[^/]+\.ya?ml$|(?:^|\/)(?:\.gitlab-ci\.yml|Jenkinsfile)$/;

/** Tests, fixtures and docs: where skipped checks and fixed passwords belong, and where they guard nothing. */
export const NOT_SHIPPED = /(?:^|\/)(?:tests?|__tests__|spec|specs|e2e|fixtures?|testdata|docs?|examples?)\/|\.(?:test|spec)\.\w+$|_test\.\w+$|(?:^|\/)test_[^/]+$|\.(?:md|rst|txt)$/;

const MAX_LINES = 2000;
export const linesOf = (text: string) => text.slice(0, 256 * 1024).split('\n', MAX_LINES).map((l) => l.slice(0, 512));

function introduced(edits: readonly FileEdit[], idioms: readonly Idiom[]): string[] {
  const out: string[] = [];
  for (const e of edits) {
    if (NOT_SHIPPED.test(e.path)) continue;
    const removed = linesOf(e.removed);
    const added = linesOf(e.added);
    for (const idiom of idioms) {
      if (idiom.path && !idiom.path.test(e.path)) continue;
      if (idiom.replaced && !removed.some((l) => idiom.replaced!.test(l))) continue;
      if (idiom.about && !idiom.about.test(e.added.slice(0, 64 * 1024)) && !idiom.about.test(e.removed.slice(0, 64 * 1024))) continue;
      if (idiom.unless?.test(e.added.slice(0, 64 * 1024))) continue;
      // already there before the edit: not brought in by it
      if (removed.some((l) => idiom.line.test(l))) continue;
      const hit = added.find((l) => idiom.line.test(l));
      if (hit !== undefined) out.push(`${e.path}: ${idiom.what} (${hit.trim().slice(0, 120)})`);
    }
  }
  return out;
}

/**
 * An edit tool's changes, and a whole file written (a file tool's write, or an edit tool's `content`) as an edit that
 * replaces nothing: its idioms are all brought in, while those that need a narrower line replaced never fire on it.
 */
export function editsOf(call: ToolCall): FileEdit[] {
  if (call.kind === 'unknown') return fileEdits(call);
  return call.kind === 'filesystem' && (call.operation === 'write' || call.operation === 'create') && call.content ? [{ path: call.path, removed: '', added: call.content }] : [];
}

/** The protections an edit switches off or takes out. */
export function weakenedDefences(call: ToolCall): string[] {
  const edits = editsOf(call);
  const out = introduced(edits, WEAKENINGS);
  for (const e of edits) {
    if (e.removed === '' || NOT_SHIPPED.test(e.path)) continue;
    const added = linesOf(e.added);
    const removed = linesOf(e.removed);
    for (const r of REMOVED) {
      if (r.path && !r.path.test(e.path)) continue;
      const gone = removed.find((l) => r.line.test(l) && !commentedOut(l));
      // a check commented out is taken out as surely as one deleted
      if (gone !== undefined && !added.some((l) => r.line.test(l) && !commentedOut(l))) out.push(`${e.path}: ${r.what} (${gone.trim().slice(0, 120)})`);
    }
  }
  return out;
}

/**
 * What each edit of a shipped program (not its tests, fixtures or docs) brings in: the lines it adds that the text
 * it replaces did not have, so code already there is not judged again for an unrelated change.
 */
export function shippedAdditions(call: ToolCall, alsoShipped?: RegExp): Array<{ path: string; text: string }> {
  return additions(call).filter((a) => SHIPPED_CODE.test(a.path) || alsoShipped?.test(a.path));
}

/** Each edit's added lines, outside tests, fixtures and docs, computed once per call for the rules that read them. */
const additions = perCall((call: ToolCall): Array<{ path: string; text: string }> => {
  const out: Array<{ path: string; text: string }> = [];
  for (const e of editsOf(call)) {
    if (NOT_SHIPPED.test(e.path)) continue;
    const before = new Set(linesOf(e.removed).map((l) => l.trim()));
    const text = linesOf(e.added).filter((l) => !before.has(l.trim())).join('\n');
    if (text.trim()) out.push({ path: e.path, text });
  }
  return out;
});

/** A line that is only a comment, in the languages the checks above read. */
const commentedOut = (line: string) => /^\s*(?:\/\/|#|--|\/\*|\*|<!--)/.test(line);

/** The ways in an edit plants: unsigned tokens accepted, a fixed secret let in, request text run as a command. */
export function plantedBackdoors(call: ToolCall, shellEdits: readonly FileEdit[] = []): string[] {
  return introduced([...editsOf(call), ...shellEdits], BACKDOORS);
}
