// Limits password guessing: a fixed window per login name and per client network, counted in the database
// so that every backend process sees the same numbers. An attempt is counted before the password is
// checked (so parallel guesses cannot slip through) and given back when it succeeds.
import type { Queryable } from '../db/index.ts';
import { AuthError } from './auth-error.ts';

export interface ThrottlePolicy {
  windowMs: number;
  /** Failed attempts allowed per login name per window. */
  maxPerAccount: number;
  /** Failed attempts allowed per client network (IPv4 address, IPv6 /64) per window. */
  maxPerNetwork: number;
}

/** The key an address is counted under: IPv4 as is, IPv6 by its /64 (one host can own a whole /64). */
export function networkOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  const zeros = Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0');
  const groups = address.includes('::') ? [...headGroups, ...zeros, ...tailGroups] : headGroups;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function keysOf(loginName: string, address: string): { account: string; network: string } {
  return { account: `account:${loginName}`, network: `network:${networkOf(address)}` };
}

async function count(
  db: Queryable,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ attempts: number; startedAt: Date }> {
  const [row] = await db.query<{ attempts: number; window_started_at: Date }>(
    `INSERT INTO login_throttle (key, window_started_at, attempts) VALUES ($1, $2, 1)
     ON CONFLICT (key) DO UPDATE SET
       attempts = CASE WHEN login_throttle.window_started_at <= $3 THEN 1 ELSE login_throttle.attempts + 1 END,
       window_started_at = CASE WHEN login_throttle.window_started_at <= $3 THEN $2
                                ELSE login_throttle.window_started_at END
     RETURNING attempts, window_started_at`,
    [key, now, new Date(now.getTime() - windowMs)],
  );
  if (row === undefined) throw new Error('login_throttle upsert returned no row');
  return { attempts: Number(row.attempts), startedAt: new Date(row.window_started_at) };
}

/** Counts one attempt; throws 'auth.rate-limited' (with the seconds to wait) once either limit is passed. */
export async function countLoginAttempt(
  db: Queryable,
  options: { loginName: string; address: string; now: Date; policy: ThrottlePolicy },
): Promise<void> {
  const { loginName, address, now, policy } = options;
  const keys = keysOf(loginName, address);
  const limits = [
    { key: keys.account, max: policy.maxPerAccount },
    { key: keys.network, max: policy.maxPerNetwork },
  ];
  let waitMs = 0;
  for (const { key, max } of limits) {
    const { attempts, startedAt } = await count(db, key, now, policy.windowMs);
    if (attempts > max) waitMs = Math.max(waitMs, startedAt.getTime() + policy.windowMs - now.getTime());
  }
  if (waitMs > 0) {
    throw new AuthError('auth.rate-limited', 'too many login attempts', {
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    });
  }
}

/** A successful login clears the account's count and gives the network its attempt back. */
export async function forgiveLoginAttempt(
  db: Queryable,
  options: { loginName: string; address: string; now: Date; policy: ThrottlePolicy },
): Promise<void> {
  const keys = keysOf(options.loginName, options.address);
  await db.query('DELETE FROM login_throttle WHERE key = $1 OR window_started_at <= $2', [
    keys.account,
    new Date(options.now.getTime() - options.policy.windowMs),
  ]);
  await db.query('UPDATE login_throttle SET attempts = attempts - 1 WHERE key = $1 AND attempts > 0', [
    keys.network,
  ]);
}
