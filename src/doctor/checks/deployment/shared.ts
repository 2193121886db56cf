import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { resolveSetting } from '../../../config/resolve.js';
import { SETTINGS, type SettingKey, type SettingValue } from '../../../config/settings.js';
import type { DoctorContext } from '../../types.js';

/**
 * One setting as the environment gives it, read on its own: a bad MODE must not stop the SQLite or
 * Redis check from looking at the store (deployment.config reports the MODE).
 */
export function setting<K extends SettingKey>(ctx: DoctorContext, key: K): { value: SettingValue<K> } | { problem: string } {
  const r = resolveSetting(SETTINGS[key] as never, {}, ctx.env);
  return 'problem' in r ? { problem: r.problem } : { value: r.value as SettingValue<K> };
}

/** The user this check runs as: file access is answered for this user, which may not be the daemon's. */
export function whoAmI(): { name: string; uid: number } {
  const uid = process.getuid?.() ?? -1;
  try {
    return { name: userInfo().username, uid };
  } catch {
    return { name: String(uid), uid };
  }
}

/** A program's stdout, or undefined when it is missing, fails without output, or runs past `timeout`. */
export function execText(file: string, args: string[], signal: AbortSignal, timeout = 2000): Promise<string | undefined> {
  return new Promise((done) => {
    execFile(file, args, { signal, timeout, encoding: 'utf8' }, (err, stdout) => done(err && !stdout ? undefined : stdout));
  });
}

/** The name /etc/passwd gives a uid, when it has one. */
export function userName(uid: number): string | undefined {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.split(':')[2] === String(uid))?.split(':')[0];
  } catch {
    return undefined;
  }
}

/** Host spellings the deployment checks compare: `[::1]` → `::1`, and `host:port` for messages. */
export const unbracket = (h: string): string => h.replace(/^\[|\]$/g, '');
export const hostPort = (host: string, port: number): string => `${host.includes(':') ? `[${host}]` : host}:${port}`;
