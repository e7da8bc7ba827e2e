import type { Executor } from '../db/database.js';
import { AppError } from '../http/app-error.js';
import { newId } from '../db/ids.js';

/** Failures from one client address within this window count towards its limit. */
const addressWindowMs = 15 * 60_000;
const maxFailuresPerAddress = 20;
/** An account's failures older than this are forgotten. */
const accountWindowMs = 60 * 60_000;
/** Failures an account may have before each further attempt waits. */
const freeFailures = 3;
const maxAccountDelayMs = 5 * 60_000;

/**
 * How long an account waits after its latest failure: nothing for the first few, then 1 s, 2 s,
 * 4 s … doubling up to five minutes. A delay rather than a lock, so whoever fails on purpose can
 * slow an account down but never shut its owner out: after the wait, the right password works.
 */
export function accountDelayMs(failures: number): number {
  if (failures < freeFailures) return 0;
  return Math.min(1000 * 2 ** (failures - freeFailures), maxAccountDelayMs);
}

async function failuresOf(db: Executor, column: 'email' | 'ip', value: string, since: number) {
  const row = await db.selectFrom('login_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('first'), eb.fn.max('at').as('last')])
    .where(column, '=', value).where('at', '>', since).executeTakeFirstOrThrow();
  return { count: Number(row.n), first: row.first === null ? null : Number(row.first), last: row.last === null ? null : Number(row.last) };
}

const waitFor = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Refuses (429, Retry-After) a sign-in attempt that comes too soon. The counts live in the
 * database, so every server process applies the same limits. The address is the real client's,
 * as Fastify reads it through the trusted proxies (CERTUS_TRUSTED_PROXIES).
 */
export async function assertSignInAllowed(db: Executor, account: string, ip: string, now: number): Promise<void> {
  const byAccount = await failuresOf(db, 'email', account, now - accountWindowMs);
  const readyAt = (byAccount.last ?? 0) + accountDelayMs(byAccount.count);
  if (readyAt > now) {
    const seconds = waitFor(readyAt - now);
    throw new AppError('rate-limited', `Too many failed sign-ins for this account. Wait ${seconds} second${seconds === 1 ? '' : 's'} and try again; each further failure doubles the wait, up to five minutes.`, { retryAfterSeconds: seconds });
  }
  const byAddress = await failuresOf(db, 'ip', ip, now - addressWindowMs);
  if (byAddress.count >= maxFailuresPerAddress) {
    const seconds = waitFor((byAddress.first ?? now) + addressWindowMs - now);
    const minutes = Math.ceil(seconds / 60);
    throw new AppError('rate-limited', `Too many failed sign-ins from your address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, { retryAfterSeconds: seconds });
  }
}

/** Written on its own, outside any transaction, because the request that records it then fails. */
export async function recordSignInFailure(db: Executor, account: string, ip: string, now: number): Promise<void> {
  await db.insertInto('login_failures').values({ id: newId(), email: account, ip, at: now }).execute();
}

/** On success: the account starts afresh, and failures too old to count anywhere go. */
export async function forgetSignInFailures(db: Executor, account: string, now: number): Promise<void> {
  await db.deleteFrom('login_failures').where('email', '=', account).execute();
  await db.deleteFrom('login_failures').where('at', '<', now - Math.max(accountWindowMs, addressWindowMs)).execute();
}
