import type { AnalysisInput, Askable } from '../rule.js';
import type { SimpleCommand } from '../shell/types.js';
import { sshHost } from '../shell/command-args.js';

/**
 * The objects of every command `acts` picks out of the call; a command it picks with no object
 * (a dynamic target, a form the user cannot name) leaves the call with none, so it is never lowered.
 */
export function objectsOf(acts: (cmd: SimpleCommand) => boolean, objects: (cmd: SimpleCommand) => readonly string[]): (input: AnalysisInput) => string[] {
  return (input) => {
    const out: string[] = [];
    for (const c of input.view?.commands ?? []) {
      if (!acts(c)) continue;
      const o = objects(c);
      if (o.length === 0) return [];
      out.push(...o);
    }
    return out;
  };
}

/**
 * The hosts a line works on over ssh, when everything it runs runs there (`ssh build-01 'sudo visudo -c'`):
 * a step on a server the user named is theirs to ask for; the same step on this machine names nothing.
 * The line holds only ssh commands, none with a word this shell expands first, so every command
 * unwrapped from it came from a remote script.
 */
export function remoteHostsOnly(input: AnalysisInput): string[] {
  const hosts: string[] = [];
  for (const c of input.view?.commands ?? []) {
    if (c.depth > 0) continue;
    const host = c.name === 'ssh' && !c.dynamic.includes(true) ? sshHost(c.argv) : undefined;
    if (!host) return [];
    hosts.push(host);
  }
  return hosts;
}

/** How a user asks for work on a server's sudo policy; the server itself must be named too (remoteHostsOnly). */
const SUDO_ASKS = ['sudoers', 'sudo', 'sudo rights', 'passwordless', 'nopasswd', 'without a password', 'without password'];
export const sudoAsked = (examples: Askable['examples']): Askable => ({ asks: SUDO_ASKS, objects: remoteHostsOnly, examples });
