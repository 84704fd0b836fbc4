// Login throttling shared by every panel process (counters live in the rate_limits table).
//
// An attempt is paid for BEFORE the password is checked: one atomic
// INSERT … ON CONFLICT DO UPDATE … RETURNING per counter takes a point and reads the new
// count in the same statement, so however many requests arrive at once, at most
// ACCOUNT_LIMIT of them per account and ADDRESS_LIMIT per address reach the hash (a read
// before the check and a write after it let every request already in flight through).
// Over either limit the request is refused without hashing.
//
// A success resets the account's counter and gives the address its point back: people
// behind one address (an office NAT) who sign in correctly do not lock each other out.
import ipaddr from "ipaddr.js";
import { AppError } from "../errors";
import { log } from "../log";
import type { Db } from "../db";

export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;
export const WINDOW_SECONDS = 15 * 60;

/** Thrown (as next-auth needs an Error) when a sign-in is refused; the login form reads
 *  `throttled:<seconds>` and says how many minutes to wait. */
export class LoginThrottledError extends Error {
  constructor(readonly waitSeconds: number) {
    super(`throttled:${waitSeconds}`);
  }
}

/** The account an attempt counts against: the user when the login names one (email and
 *  username share one allowance), otherwise the normalised login as typed. */
export function accountKey(login: string, userId?: number | null): string {
  return userId != null ? `login:user:${userId}` : `login:name:${login.trim().toLowerCase()}`;
}

/** The network an address counts for: an IPv4 address itself, an IPv6 address by its /64
 *  (one subscriber's LAN gets a whole /64, so a guesser could otherwise rotate through 2^64
 *  addresses, each with a fresh allowance). IPv4-mapped IPv6 counts as the IPv4 address. */
export function addressNetwork(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  if (addr.kind() === "ipv4") return addr.toString();
  const prefix = (addr as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}

const addressKey = (ip: string) => `login:addr:${addressNetwork(ip)}`;

/** Takes one point from `key`'s allowance (a fresh window once the old one expired);
 *  returns the count including this attempt and the seconds left in the window. */
async function take(db: Db, key: string): Promise<{ points: number; waitSeconds: number }> {
  // Timestamps are UTC wall-clock (the column is TIMESTAMP without time zone), taken from
  // the database's clock so that every process agrees.
  const [row] = await db.$queryRaw<{ points: number; wait: number }[]>`
    INSERT INTO rate_limits (key, points, expire)
    VALUES (${key}, 1, (now() AT TIME ZONE 'UTC') + ${WINDOW_SECONDS}::int * interval '1 second')
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire <= (now() AT TIME ZONE 'UTC')
                    THEN 1 ELSE rate_limits.points + 1 END,
      expire = CASE WHEN rate_limits.expire IS NULL OR rate_limits.expire <= (now() AT TIME ZONE 'UTC')
                    THEN EXCLUDED.expire ELSE rate_limits.expire END
    RETURNING points, GREATEST(0, EXTRACT(EPOCH FROM (expire - (now() AT TIME ZONE 'UTC'))))::float8 AS wait`;
  return { points: Number(row.points), waitSeconds: Math.max(1, Math.ceil(Number(row.wait))) };
}

/** A passing check gives back the address's point it took; a password sign-in ("reset") also
 *  clears the account's failures, any other check (a code to turn 2FA off, the current
 *  password on a password change) gives back only its own point, so a stolen session that
 *  can pass one check cannot wipe the count of its failed guesses. */
async function giveBack(db: Db, accountKeyValue: string, ip: string, onSuccess: "reset" | "refund") {
  await Promise.all([
    onSuccess === "reset"
      ? db.$executeRaw`DELETE FROM rate_limits WHERE key = ${accountKeyValue}`
      : db.$executeRaw`UPDATE rate_limits SET points = GREATEST(points - 1, 0) WHERE key = ${accountKeyValue}`,
    db.$executeRaw`UPDATE rate_limits SET points = GREATEST(points - 1, 0) WHERE key = ${addressKey(ip)}`,
  ]);
}

/**
 * Runs `check` (the credential check: the password hash, and any further factor that
 * should share the allowance) only if the account and the address still have attempts
 * left, paying for the attempt first. Throws LoginThrottledError — without calling
 * `check` — when either is used up. A passing check refunds.
 */
export async function throttledCheck(
  db: Db,
  attempt: { account: string; ip: string },
  check: () => Promise<boolean>,
  onSuccess: "reset" | "refund" = "reset",
): Promise<boolean> {
  const [account, address] = await Promise.all([take(db, attempt.account), take(db, addressKey(attempt.ip))]);
  const waits = [
    account.points > ACCOUNT_LIMIT ? account.waitSeconds : 0,
    address.points > ADDRESS_LIMIT ? address.waitSeconds : 0,
  ];
  const wait = Math.max(...waits);
  if (wait > 0) {
    log.info("login throttled", { ip: attempt.ip, wait_s: wait });
    throw new LoginThrottledError(wait);
  }
  const ok = await check();
  if (ok) await giveBack(db, attempt.account, attempt.ip, onSuccess);
  return ok;
}

/** throttledCheck for signed-in account routes (password change, turning 2FA off): a used-up
 *  allowance is answered 429 with the wait. */
export async function throttledAccountCheck(
  db: Db,
  attempt: { account: string; ip: string },
  check: () => Promise<boolean>,
): Promise<boolean> {
  try {
    return await throttledCheck(db, attempt, check, "refund");
  } catch (err) {
    if (err instanceof LoginThrottledError) throw new AppError(429, `Too many attempts; try again in ${Math.ceil(err.waitSeconds / 60)} min`);
    throw err;
  }
}
