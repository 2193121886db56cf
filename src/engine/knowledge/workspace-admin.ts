/**
 * Google Workspace administered through GAM: the tenant's super administrator role given to an account, and an
 * account's 2-step verification turned off. Either leaves the whole domain (mail, Drive, devices, every student's
 * record) to whoever holds a password.
 */
import type { SimpleCommand } from '../shell/types.js';

/** Workspace's built-in super administrator role, by the names GAM accepts for it. */
const SUPER_ADMIN = /^(?:_SEED_ADMIN_ROLE|Super ?Admin|SUPER_ADMIN)$/i;

export function workspaceTakeover(c: SimpleCommand): string | undefined {
  if (c.name !== 'gam') return undefined;
  const a = c.argv;
  if (a[1] === 'create' && a[2] === 'admin' && SUPER_ADMIN.test(a[4] ?? '')) return `super administrator role for ${a[3]}`;
  if (a[1] === 'user' && a[3] === 'turnoff2sv') return `2-step verification off for ${a[2]}`;
  return undefined;
}
