import type { Edit, Node } from 'jsonc-parser';
import { isProxilionHookCommand } from '../launcher.js';
import { JsoncDoc, JsoncProblem, newDocument, type Json } from './jsonc-doc.js';
import type { AgentSettings } from './types.js';

/**
 * The one install/uninstall engine for every agent's hook settings. It works on text: the caller
 * reads and writes the file. Each step re-parses the text and makes the single next edit, until
 * nothing is left to do; that keeps every edit small and its offsets fresh.
 */

/** `added` a handler, `updated` an older proxilion command in place, `removed` ours, or `unchanged`. */
export type Outcome = 'added' | 'updated' | 'removed' | 'unchanged';

export interface HookEdit {
  text: string;
  outcome: Outcome;
}

/** A handler of ours found in the settings, with the nodes needed to update or remove it. */
interface Found {
  handler: Node;
  command: Node;
  /** `groups` layout: the matcher group and its `hooks` array holding the handler. */
  group?: Node;
  list?: Node;
}

const BOM = '\uFEFF';
/** Far more steps than any real file needs (one per event plus duplicates); a loop beyond it is a bug. */
const MAX_STEPS = 256;

/** The settings text with proxilion's handler present in every event of the agent, pointing at `command`. */
export function installHook(settings: AgentSettings, text: string | undefined, command: string): HookEdit {
  let outcome: Outcome = 'unchanged';
  const result = run(settings, text ?? '', (doc, event) => {
    const step = installStep(settings, doc, event, command);
    if (step) outcome = step.outcome === 'added' || outcome === 'added' ? 'added' : step.outcome;
    return step?.text;
  });
  return { text: result, outcome };
}

/** The settings text without proxilion's handlers, and without the groups, events and `hooks` they leave empty. */
export function uninstallHook(settings: AgentSettings, text: string): HookEdit {
  let outcome: Outcome = 'unchanged';
  const result = run(settings, text, (doc, event) => {
    const found = ourHandlers(settings, doc, event)[0];
    if (!found) return undefined;
    outcome = 'removed';
    return doc.apply(removeHandler(settings, doc, found));
  });
  return { text: result, outcome };
}

function run(settings: AgentSettings, text: string, step: (doc: JsoncDoc, event: string) => string | undefined): string {
  const { bom, body } = stripBom(text);
  let current = body;
  let doc = read(settings, current);
  let steps = 0;
  for (const event of settings.events) {
    for (;;) {
      const next = step(doc, event);
      if (next === undefined) break;
      if (++steps > MAX_STEPS) throw new Error(`internal error: editing the ${settings.label} settings did not converge`);
      current = next;
      try {
        doc = read(settings, current);
      } catch (e) {
        // the text was valid before this edit, so the edit is at fault, not the user's file
        throw new Error(`internal error: an edit of the ${settings.label} settings produced invalid JSON (${(e as Error).message})`);
      }
    }
  }
  return bom + current;
}

function installStep(settings: AgentSettings, doc: JsoncDoc, event: string, command: string): { text: string; outcome: Outcome } | undefined {
  const entry = entryFor(settings, command);
  const root = doc.root;
  if (!root) {
    return { text: newDocument({ ...settings.created, hooks: { [event]: [entry] } }, doc.text), outcome: 'added' };
  }
  const hooks = hooksOf(doc, root);
  if (!hooks) return edited(doc, doc.append(root, 'hooks', { [event]: [entry] }), 'added');
  const list = eventOf(doc, hooks, event);
  if (!list) return edited(doc, doc.append(hooks, event, [entry]), 'added');
  const [first, duplicate] = ourHandlers(settings, doc, event);
  if (!first) return edited(doc, doc.append(list, undefined, entry), 'added');
  // an install from another path (or an older version) is pointed here, keeping its place and any
  // fields the user tuned, such as the timeout or the matcher
  if (first.command.value !== command) return edited(doc, doc.replaceValue(first.command, command), 'updated');
  if (duplicate) return edited(doc, removeHandler(settings, doc, duplicate), 'updated');
  return undefined;
}

function edited(doc: JsoncDoc, edits: Edit[], outcome: Outcome): { text: string; outcome: Outcome } {
  return { text: doc.apply(edits), outcome };
}

function entryFor(settings: AgentSettings, command: string): { [key: string]: Json } {
  const handler = settings.handler(command);
  return settings.layout === 'groups' ? { matcher: settings.matcher ?? '*', hooks: [handler] } : handler;
}

/**
 * Removes one handler, and with it whatever it leaves empty: its matcher group, then the event,
 * then `hooks`. The top-level object itself always stays.
 */
function removeHandler(settings: AgentSettings, doc: JsoncDoc, found: Found): Edit[] {
  // each step up: the container that would be left empty goes instead of its last member, unless
  // it holds a comment, which is the user's and stays (with the container around it)
  const emptied = (container: Node, member: Node) => (container.children?.length ?? 0) === 1 && !doc.hasCommentOutside(container, member);
  let target = found.handler;
  if (settings.layout === 'groups') {
    const list = found.list!;
    const group = found.group!;
    if (!emptied(list, target) || doc.hasCommentOutside(group, list.parent!)) return doc.remove(target);
    target = group;
  }
  const list = target.parent!;
  if (!emptied(list, target)) return doc.remove(target);
  const eventProp = list.parent!;
  const hooks = eventProp.parent!;
  if (!emptied(hooks, eventProp)) return doc.remove(eventProp);
  return doc.remove(hooks.parent!);
}

function read(settings: AgentSettings, text: string): JsoncDoc {
  const doc = JsoncDoc.parse(text);
  const comment = doc.firstComment;
  if (!settings.comments && comment !== undefined) {
    throw doc.problem(comment, `${settings.label} reads this file as strict JSON and rejects comments; remove the comments and run again`);
  }
  if (doc.root && doc.root.type !== 'object') throw doc.problem(doc.root, `the file must hold a JSON object at the top, not ${kind(doc.root)}`);
  return doc;
}

function hooksOf(doc: JsoncDoc, root: Node): Node | undefined {
  const hooks = doc.member(root, 'hooks');
  if (hooks && hooks.type !== 'object') throw doc.problem(hooks, `"hooks" must be an object of events, not ${kind(hooks)}`);
  return hooks;
}

function eventOf(doc: JsoncDoc, hooks: Node, event: string): Node | undefined {
  const list = doc.member(hooks, event);
  if (list && list.type !== 'array') throw doc.problem(list, `"hooks.${event}" must be an array, not ${kind(list)}`);
  return list;
}

/** Our handlers under `event`, in file order. Entries of other shapes belong to someone else and are skipped. */
function ourHandlers(settings: AgentSettings, doc: JsoncDoc, event: string): Found[] {
  const root = doc.root;
  const hooks = root && hooksOf(doc, root);
  const list = hooks && eventOf(doc, hooks, event);
  if (!list) return [];
  const found: Found[] = [];
  const consider = (handler: Node, group?: Node, inner?: Node) => {
    if (handler.type !== 'object') return;
    const command = doc.member(handler, 'command');
    if (command?.type === 'string' && isProxilionHookCommand(command.value, settings.agent)) found.push({ handler, command, group, list: inner });
  };
  for (const item of list.children ?? []) {
    if (settings.layout === 'handlers') {
      consider(item);
      continue;
    }
    if (item.type !== 'object') continue;
    const inner = doc.member(item, 'hooks');
    if (inner?.type !== 'array') continue;
    for (const handler of inner.children ?? []) consider(handler, item, inner);
  }
  return found;
}

function kind(node: Node): string {
  return node.type === 'array' ? 'an array' : node.type === 'object' ? 'an object' : `a ${node.type}`;
}

function stripBom(text: string): { bom: string; body: string } {
  // Claude Code fails on a byte-order mark, but a file that has one is the user's to fix: it is kept as it was
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(1) } : { bom: '', body: text };
}

export { JsoncProblem };
