import { hasAllArgs, hasArg, operands, type AnalysisInput, type Finding, type Tactic } from '../rule.js';
import type { Facts } from '../facts.js';
import type { CommandView, SimpleCommand } from '../shell/types.js';
import { canonicalPath, classifyPath } from '../knowledge/paths.js';
import { atCwd } from '../shell/names.js';
import { artifactTarget } from '../session.js';
import { nameWords } from '../tool-shape.js';
import { FETCHERS, savedFile, trustedSource, urlOf } from './command_and_control.js';
import { outputsOf, peopleExport, personalExport } from './collection.js';
import { printedCredential, secretFingerprint, storedSecretValues } from '../knowledge/credential-commands.js';

/**
 * What a call leaves for later calls of its session (session.ts, ArtifactKind): a program or script fetched
 * from a host that is not a vetted source, a file that secret data was copied, encoded or written into or
 * that people's identity fields were exported into, a private workspace store read through a tool, and the
 * fingerprint of a value put into a secret store. The session rules follow them into the call that runs,
 * installs, commits, sends or publishes them.
 */

/** Artifacts recorded per call: enough for any real line, bounded for the store. */
const MAX_ARTIFACTS = 8;

/** Tools that check a download, with the word that makes them check: a signature or a published checksum. */
const VERIFIERS: Readonly<Record<string, readonly string[]>> = {
  gpgv: [], gpg: ['--verify'], cosign: ['verify', 'verify-blob'], minisign: ['-V'],
  sha256sum: ['-c', '--check'], sha512sum: ['-c', '--check'], sha1sum: ['-c', '--check'], shasum: ['-c', '--check'], b2sum: ['-c', '--check'],
};

/** Whether words of a command or a script (command names by their base name) check a download, as vendors' install docs show. */
export function verifiesDownload(words: readonly string[]): boolean {
  return words.some((w) => Object.hasOwn(VERIFIERS, w) && (VERIFIERS[w]!.length === 0 || VERIFIERS[w]!.some((x) => words.includes(x))));
}

/** Where a command's output lands, as a path from its working folder; devices are not files anyone keeps. */
const savedTo = (c: SimpleCommand): string[] => outputsOf(c).filter((p) => !p.startsWith('/dev/')).map((p) => atCwd(c, p));

/** Workspace stores whose documents, tickets, mail and records are the organization's private material. */
const PRIVATE_STORES = new Set(['jira', 'confluence', 'atlassian', 'notion', 'gdrive', 'drive', 'googledrive', 'sharepoint', 'onedrive', 'dropbox', 'box', 'gmail', 'outlook', 'slack', 'teams', 'linear', 'asana', 'salesforce', 'hubspot', 'zendesk', 'intercom', 'workday', 'bamboohr', 'greenhouse', 'airtable', 'coda', 'quip', 'clickup', 'monday', 'freshdesk']);
const READ_VERBS = new Set(['get', 'read', 'search', 'query', 'fetch', 'list', 'export', 'download', 'find', 'retrieve', 'view']);

/** The private workspace store a tool call reads from (`mcp__notion__get_page` → notion), if any. */
export function privateStoreRead(toolName: string): string | undefined {
  const words = nameWords(toolName);
  if (!words.some((w) => READ_VERBS.has(w))) return undefined;
  return words.find((w) => PRIVATE_STORES.has(w));
}

/** The files a command writes a newly minted cloud credential into. */
function mintedKeyFiles(c: SimpleCommand): string[] {
  if (c.name === 'gcloud' && hasAllArgs(c, 'keys', 'create')) {
    // (the key file is the operand: an option's value follows it, `--iam-account sa@…`)
    const file = c.argv.slice(c.argv.indexOf('create') + 1).find((w, k, rest) => !w.startsWith('-') && !/^--[\w-]+$/.test(rest[k - 1] ?? ''));
    return file === undefined ? [] : [atCwd(c, file)];
  }
  return (c.name === 'aws' && c.argv.includes('create-access-key')) || (c.name === 'az' && hasAllArgs(c, 'create-for-rbac')) ? savedTo(c) : [];
}

/**
 * Project files that a later command runs without naming them: a package's lifecycle scripts on install, a Makefile on
 * make, setup.py on pip install, git hooks on commit and push, CI pipelines on push.
 */
const TRIGGERED_FILE = /(?:^|\/)(?:package\.json|Makefile|GNUmakefile|setup\.py|pyproject\.toml|\.husky\/[^/]+|\.git\/hooks\/[^/]+|\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.yml|\.pre-commit-config\.yaml)$/;
/** Tactics of a write that arms what runs it: the written text runs, fetches, persists, sends or hides something. */
const ARMING_TACTICS: ReadonlySet<Tactic> = new Set(['execution', 'persistence', 'initial_access', 'command_and_control', 'exfiltration', 'credential_access', 'defense_evasion']);

/** The project files this call wrote that its own findings judged harmful (an Alert's worth or more), as `armed` artifacts. */
export function armedFiles(view: CommandView | undefined, facts: Facts, findings: readonly Finding[]): string[] {
  if (!findings.some((f) => f.score >= 50 && ARMING_TACTICS.has(f.tactic))) return [];
  const written = facts.files.filter((f) => f.access === 'write' || f.access === 'append' || f.access === 'edit').map((f) => f.canonical);
  // (a package's scripts set through its manager: `npm pkg set scripts.postinstall=…`)
  for (const c of view?.commands ?? []) if ((c.name === 'npm' || c.name === 'pnpm') && c.argv[1] === 'pkg' && c.argv[2] === 'set') written.push(canonicalPath(atCwd(c, 'package.json')));
  return [...new Set(written.filter((p) => TRIGGERED_FILE.test(p)))].slice(0, MAX_ARTIFACTS).map((p) => artifactTarget('armed', p));
}

export function callArtifacts(i: Pick<AnalysisInput, 'call' | 'view' | 'facts' | 'original'>): string[] {
  const out = new Set<string>();
  const add = (kind: 'fetched' | 'staged' | 'verified', path: string) => {
    const p = canonicalPath(path);
    if (out.size < MAX_ARTIFACTS && p !== '' && classifyPath(p)?.role !== 'secret') out.add(artifactTarget(kind, p));
  };
  const sent = i.original ?? i.call;
  const store = sent.kind === 'unknown' ? privateStoreRead(sent.toolName) : undefined;
  if (store) out.add(artifactTarget('read', store));
  for (const c of i.view?.commands ?? []) {
    // the download tools by name: finding a URL among any command's words costs every call more than it finds
    if (FETCHERS.has(c.name)) {
      const saved = savedFile(c);
      if (saved && !trustedSource(urlOf(c))) add('fetched', atCwd(c, saved));
    }
    // a signature or checksum checked in a directory vouches for the downloads there (`shasum -a 256 -c tool.SHA256SUM`)
    if (Object.hasOwn(VERIFIERS, c.name) && verifiesDownload([c.name, ...c.argv.slice(1)])) {
      const file = operands(c).find((w) => w.includes('.'));
      const at = file === undefined ? undefined : atCwd(c, file);
      const dir = at === undefined ? c.cwd : at.slice(0, Math.max(0, at.lastIndexOf('/')));
      if (dir) add('verified', dir);
    }
  }
  // a command that read a secret leaves it wherever its output lands, as one that prints credentials does
  // (`heroku config --json > /tmp/c.json`, `kubectl get secret … -o yaml > s.yaml`)
  for (const f of i.facts.files) if (f.cmd && f.access === 'read' && f.sensitive?.role === 'secret') for (const p of savedTo(f.cmd)) add('staged', p);
  for (const c of i.view?.commands ?? []) if (printedCredential(c) !== undefined) for (const p of savedTo(c)) add('staged', p);
  // a cloud key minted into a file is one (`gcloud iam service-accounts keys create /tmp/sa.json`, `aws iam create-access-key > k.json`)
  for (const c of i.view?.commands ?? []) for (const p of mintedKeyFiles(c)) add('staged', p);
  // and an export of people's identity, contact or payment fields leaves them in its file
  for (const c of i.view?.commands ?? []) {
    if (c.name === 'mongoexport' && personalExport(c)) for (const p of savedTo(c)) add('staged', p);
    const people = peopleExport(c);
    if (people) add('staged', atCwd(c, people.file));
  }
  // a value put into a secret store is a secret wherever it goes next
  for (const c of i.view?.commands ?? []) for (const v of storedSecretValues(c)) if (out.size < MAX_ARTIFACTS) out.add(artifactTarget('stored', secretFingerprint(v)));
  // a secret written into an ordinary file by a file tool
  if (i.call.kind === 'filesystem' && (i.call.operation === 'write' || i.call.operation === 'create') && i.facts.secrets.length > 0) add('staged', i.call.path);
  return [...out];
}

/** Whether a command runs `path` as a program: by name, through a shell or interpreter, or as an installer's package. */
export function runsFile(c: SimpleCommand, path: string): boolean {
  const at = (w: string | undefined) => w !== undefined && canonicalPath(atCwd(c, w)) === path;
  if (at(c.argv[0])) return true;
  const first = operands(c)[0];
  if ((hasArg(c, '-i', 'install', '-pkg') || /^(?:sh|bash|zsh|dash|ksh|python[\d.]*|perl|ruby|node|php|sudo|nohup|exec|source|\.)$/.test(c.name)) && at(first)) return true;
  // a pickle loaded by a Python one-liner runs the code its author put in it (`joblib.load('artifacts/te_v3.pkl')`)
  return unpickledFiles(c).some(at);
}

/** The files a Python one-liner unpickles, as written (`torch.load('x.pt')` unless with `weights_only=True`). */
export function unpickledFiles(c: SimpleCommand): string[] {
  if (!/^python[\d.]*$/.test(c.name)) return [];
  const code = c.argv.slice(1).join(' ').slice(0, 16384);
  return /weights_only\s*=\s*True/.test(code) ? [] : [...code.matchAll(UNPICKLES)].map((m) => m[1]!);
}

/** Python's loaders that unpickle a file, with the file they are given as a literal. */
const UNPICKLES = /\b(?:pickle|joblib|dill|cloudpickle|torch|pd|pandas)\.(?:load|read_pickle)\s*\(\s*(?:open\s*\(\s*)?["']([^"'\n]{1,300})["']/g;
