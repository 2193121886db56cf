import { userInfo } from 'node:os';

/** The person a hook or proxy works for: the `user_id` of its calls. */
export function localUser(): string {
  if (process.env.USER) return process.env.USER;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
