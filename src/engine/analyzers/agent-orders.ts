import { classifyPath } from '../knowledge/paths.js';
import { PERSONAL_MAIL_AT } from '../knowledge/payloads.js';

/**
 * Orders that make an agent do harm later, left in its instructions or its memory or given to a subagent: checks and
 * reviews skipped or faked, secrets committed, gathered or mailed away, the estate destroyed, TLS checks dropped for
 * everything, the user lied to. Each is read line by line in lower-cased text; a line that forbids something (`- Never
 * commit .env files`) is the opposite order and is passed over.
 */
interface Order {
  what: string;
  line: RegExp;
  /** Further tests of the same line, where one pattern would be too loose alone. */
  and?: readonly RegExp[];
  /** What makes the line ordinary after all. */
  unless?: RegExp;
}

/** Secrets by name or by file, in an order (`.env.example` and its kind hold none). */
const SECRETS = /\b(?:api keys?|tokens|passwords|secrets|credentials|private keys?|ssh keys?|access keys?|key pairs?)\b|(?:^|[\s`'"(])(?:~\/)?\.env(?![.\w-]*(?:example|sample|template|dist|schema))(?:\.[a-z]+)?\b|\*\.pem\b|\bprintenv\b|\.(?:npmrc|pypirc|netrc|git-credentials)\b|\bid_(?:rsa|ed25519)\b/;

const ORDERS: readonly Order[] = [
  { what: 'reviews or findings waved through', line: /\b(?:approve|merge)\s+(?:them|it|this|these|all|prs?|pull requests?)\b.{0,40}\bwithout\s+(?:comment|review|approval|looking)|\bdo not (?:flag|report) (?:them|it|these|changes?)\b|\bnever report (?:them|it|these|findings)\b|\bsuppress (?:them|these|all|the findings|findings)\b|\bskip (?:the )?(?:ci|checks|ci checks|code review|reviews?) (?:when|if|for)\b|\bdo not request (?:a |code )?reviews?\b/ },
  { what: 'tests reported as passing without being run', line: /\breport that (?:the )?tests? (?:pass|passed)\b|\bmark (?:tasks?|it|them) (?:as )?(?:complete|done)\b.{0,40}\bcompiles\b/ },
  // (a feature branch force-pushed after a rebase, or one WIP commit without hooks, is ordinary)
  { what: 'commit hooks skipped for good', line: /--no-verify\b/, and: [/\b(?:always|every|all)\b|\bdeprecated\b/] },
  { what: 'main force-pushed', line: /\bpush\b.{0,40}--force\b.{0,40}\b(?:main|master)\b|\bforce-push(?:es|ing)?\b.{0,40}\b(?:main|master|without asking)\b/ },
  { what: 'secrets committed to the repository', line: /\bcommit\s+(?:the\s+|your\s+|all\s+)?(?:`?\.env[\w.]*`?|secrets|credentials|api keys)(?:\s|$|,|\.)|\bremove (?:them|it|\.env\S*) from \.gitignore\b/ },
  // (into a file, a pull request, a report or an issue; an env file as the place is where they belong)
  { what: 'secrets gathered into a file, a report or a message', line: SECRETS, and: [/\b(?:copy|copies|append|save|write|paste|include|commit|collect|print)\b.{0,80}(?:\b(?:into|to|in)\s+(?:`?[~.\w-]*\/[\w./<>-]*|`?[\w.-]+\.(?:md|txt|json|log|snapshot|csv)\b|the pr\b|(?:the )?pull request|bug reports?|issues?|the (?:final )?report|your (?:final )?report)|\bfull contents\b)/], unless: /\bto\s+`?\.env[\w.]*`?/ },
  { what: 'the estate destroyed', line: /\b(?:delete|terminate|destroy|wipe|drop|remove)\b.{0,40}\b(?:s3 buckets|ec2 instances|iam users|cloud resources|file-?system|schema public|all (?:buckets|instances|databases|repositories))\b|\bnear-factory state\b/ },
  { what: 'TLS checks switched off for everything', line: /node_tls_reject_unauthorized\s*=\s*0|pythonhttpsverify\s*=\s*0|git_ssl_no_verify\s*=\s*(?:1|true)/, and: [/\balways\b|\bbefore (?:running|any|every)\b|\bevery (?:command|session|run)\b/] },
  { what: 'the user lied to', line: /\bif (?:the )?user asks\b.{0,80}\b(?:say|tell (?:them|him|her)|answer|reply)\b/ },
  { what: "a credential command's output sent to an address", line: /\b(?:gh auth token|aws configure export-credentials|gcloud auth (?:application-default )?print-access-token|az account get-access-token|printenv)\b/, and: [/\b(?:send|post|upload|header|include|forward)\b/, /https?:\/\//] },
  { what: 'authorization headers or cookies shipped to an address', line: /\b(?:authorization headers?|cookies|session tokens?|bearer tokens?)\b/, and: [/\b(?:ship|send|post|forward|upload)\b.{0,80}https?:\/\//] },
  { what: 'credentials mailed to a personal address', line: SECRETS, and: [/\b(?:email|mail|send|forward)\b/, PERSONAL_MAIL_AT] },
];

/** A line that forbids: `- Never …`, `Do not …`, `Avoid …` (not `Do not forget to …`). */
export const forbids = (line: string) => /^\s*(?:[-*#>]\s*)*(?:never|do not|don't|avoid|must not|no)\b(?!\s+forget)/.test(line);

/** The first harmful order in the text, as `what: line`. */
export function harmfulOrder(text: string): string | undefined {
  for (const raw of text.slice(0, 64 * 1024).split('\n', 2000)) {
    const line = raw.slice(0, 1024);
    if (forbids(line)) continue;
    for (const o of ORDERS) {
      if (!o.line.test(line) || o.and?.some((r) => !r.test(line)) || o.unless?.test(line)) continue;
      return `${o.what}: ${line.trim().slice(0, 120)}`;
    }
  }
  return importedSecret(text);
}

/** `@~/.config/gh/hosts.yml` in a CLAUDE.md: a credential file imported into every session's context. */
function importedSecret(text: string): string | undefined {
  for (const m of text.slice(0, 64 * 1024).matchAll(/(?:^|\s)@((?:~|\.{0,2})\/[^\s`'"]{1,200})/gm)) {
    if (classifyPath(m[1]!)?.role === 'secret') return `imports the credential file ${m[1]}`;
  }
  return undefined;
}
