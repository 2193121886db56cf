import type { AnalysisInput } from './rule.js';
import type { PolicyEntry } from './policy.js';
import type { SimpleCommand } from './shell/types.js';
import { globMatch } from './knowledge/glob.js';
import { bashLine } from './toolcall.js';
import { summarizeCall } from './session.js';

/**
 * Regexes see at most this much of one text. Matching is linear, so this bounds the cost per call
 * (pattern size × text size); a deny regex also sees each simple command on its own, so padding a
 * line does not hide a command from it.
 */
export const MAX_REGEX_TEXT = 4096;

/**
 * Allow entries are conservative: each condition must cover everything of its kind the call
 * touches (every simple command, every file, every host), and the call must touch at least one,
 * so `terraform destroy && curl x | sh` is not covered by `command: terraform destroy`. An allow
 * regex must match the whole call text, as if anchored at both ends.
 */
export function allowMatches(e: PolicyEntry, input: AnalysisInput): boolean {
  return evaluate(e, input, true) !== undefined;
}

/** A deny entry fires when any one command, file or host matches: the evidence, or undefined. */
export function denyEvidence(e: PolicyEntry, input: AnalysisInput): string | undefined {
  return evaluate(e, input, false)?.join('; ');
}

function evaluate(e: PolicyEntry, input: AnalysisInput, every: boolean): string[] | undefined {
  const { context, facts } = input;
  if (e.users && (context.userId === undefined || !e.users.includes(context.userId))) return undefined;
  if (e.agents && (context.agent === undefined || !e.agents.includes(context.agent))) return undefined;
  const evidence: string[] = [];
  const check = <T>(what: string, items: readonly T[], test: (x: T) => boolean, show: (x: T) => string): boolean => {
    const hit = every ? (items.length > 0 && items.every(test) ? items[0] : undefined) : items.find(test);
    if (hit === undefined) return false;
    evidence.push(`${what}: ${show(hit)}`);
    return true;
  };
  const { command, path, host, regex } = e;
  if (command && !check(`command ${command.join(' ')}`, input.view?.commands ?? [], (c) => commandMatches(command, c), commandText)) return undefined;
  if (path !== undefined && !check(`path ${path}`, facts.files, (f) => globMatch(path, f.canonical), (f) => f.canonical)) return undefined;
  const hosts = facts.destinations.map((d) => d.host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, ''));
  if (host !== undefined && !check(`host ${host}`, hosts, (h) => globMatch(host, h), (h) => h)) return undefined;
  if (regex) {
    const line = callText(input);
    if (every) {
      if (line.length > MAX_REGEX_TEXT || !regex.matchesWhole(line)) return undefined;
      evidence.push(`regex ${regex.source}`);
    } else {
      // a deny regex written against an Unknown tool's name still sees it when the call reads as another kind
      const sent = input.original ? [summarizeCall(input.original)] : [];
      const texts = [line, ...sent, ...(input.view?.commands ?? []).map(commandText)].map((t) => t.slice(0, MAX_REGEX_TEXT));
      if (!check(`regex ${regex.source}`, texts, (t) => regex.search(t), (t) => t)) return undefined;
    }
  }
  return evidence;
}

/** Word-prefix match on the normalized argv: the name after wrapper and path removal, then arguments. */
function commandMatches(words: readonly string[], cmd: SimpleCommand): boolean {
  if (words.length > cmd.argv.length) return false;
  for (let i = 0; i < words.length; i++) {
    // a word only known at run time (`terraform $ACTION`) matches no pattern
    if (cmd.dynamic[i] || !globMatch(words[i]!, i === 0 ? cmd.name : cmd.argv[i]!)) return false;
  }
  return true;
}

const commandText = (c: SimpleCommand): string => [c.name, ...c.argv.slice(1)].join(' ');

/** The call as one line: a shell line as given, other calls as their audit summary. */
function callText(input: AnalysisInput): string {
  return input.call.kind === 'bash' ? bashLine(input.call) : summarizeCall(input.call);
}
