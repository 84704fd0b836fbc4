// The retry schedule (WEBHOOK_RETRY_SCHEDULE, e.g. "10s,1m,5m,30m,2h,6h,24h"): after the
// n-th failed attempt the next one waits the n-th delay (± jitter); when the list is used
// up the delivery is failed. A receiver's Retry-After can only push the next attempt later.

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90s" → 90000. Throws on anything else. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*([smhd])\s*$/.exec(text);
  if (!m) throw new Error(`bad duration "${text}" (expected e.g. 10s, 5m, 2h, 1d)`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

export function parseRetrySchedule(text: string): number[] {
  const parts = text.split(",").map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error("empty retry schedule");
  return parts.map(parseDuration);
}

/** Share of a delay that jitter may add or remove, so retries after an outage spread out. */
export const JITTER = 0.2;

export function withJitter(delayMs: number, random: () => number = Math.random): number {
  return Math.round(delayMs * (1 - JITTER + 2 * JITTER * random()));
}

/**
 * Delay before the next attempt after `attemptsMade` failed attempts, or null when the
 * schedule is exhausted. `retryAfterMs` (from the response) is honoured as a minimum,
 * capped at the longest step of the schedule so one header cannot park a delivery forever.
 */
export function nextRetryDelay(
  schedule: number[],
  attemptsMade: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number | null {
  if (attemptsMade < 1 || attemptsMade > schedule.length) return null;
  const base = withJitter(schedule[attemptsMade - 1], random);
  if (retryAfterMs === null) return base;
  return Math.max(base, Math.min(retryAfterMs, Math.max(...schedule)));
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
