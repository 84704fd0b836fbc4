// Login throttling shared by every panel process (counters live in the database).
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "../db";

export interface LoginThrottle {
  /** Throws-free check: returns seconds to wait when blocked, 0 when allowed. */
  blockedFor(login: string, ip: string): Promise<number>;
  recordFailure(login: string, ip: string): Promise<void>;
  recordSuccess(login: string, ip: string): Promise<void>;
}

const store = globalThis as unknown as { __ospabThrottle?: LoginThrottle };

export function getLoginThrottle(db: Db): LoginThrottle {
  if (store.__ospabThrottle) return store.__ospabThrottle;
  // 5 failures for one login from one IP per 15 minutes; 50 failures from one IP per hour.
  const byLoginIp = new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "login_ip",
    points: 5,
    duration: 15 * 60,
  });
  const byIp = new RateLimiterPrisma({
    storeClient: db,
    tableName: "rateLimit",
    keyPrefix: "ip",
    points: 50,
    duration: 60 * 60,
  });
  const k = (login: string, ip: string) => `${login.trim().toLowerCase()}|${ip}`;
  const wait = (r: RateLimiterRes | null, limit: number) =>
    r && r.consumedPoints >= limit ? Math.ceil(r.msBeforeNext / 1000) : 0;

  store.__ospabThrottle = {
    async blockedFor(login, ip) {
      const [a, b] = await Promise.all([byLoginIp.get(k(login, ip)), byIp.get(ip)]);
      return Math.max(wait(a, 5), wait(b, 50));
    },
    async recordFailure(login, ip) {
      await Promise.all([
        byLoginIp.penalty(k(login, ip), 1),
        byIp.penalty(ip, 1),
      ]);
    },
    async recordSuccess(login, ip) {
      await byLoginIp.delete(k(login, ip));
    },
  };
  return store.__ospabThrottle;
}
