// The login throttle's counter on both databases the panel runs on (PGlite for `npm run
// dev`, PostgreSQL in production): 60 attempts started at once reach the check at most
// ACCOUNT_LIMIT times, a refused attempt says how long to wait, a success refunds, and an
// expired window starts over.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { migrate } from "../../lib/migrate";
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, LoginThrottledError, accountKey, throttledCheck, WINDOW_SECONDS } from "../../lib/auth/throttle";
import { createTestDatabase } from "../support/pg";

const dir = mkdtempSync(path.join(tmpdir(), "ospab-throttle-"));
after(() => rmSync(dir, { recursive: true, force: true }));

for (const kind of ["pglite", "postgres"] as const) {
  describe(`login throttle on ${kind}`, () => {
    let db: Database;
    let drop = async () => {};
    const open = async () => {
      if (db) return db;
      if (kind === "postgres") {
        const t = await createTestDatabase();
        drop = t.drop;
        db = await openDatabase({ databaseUrl: t.url, poolSize: 20 });
      } else db = await openDatabase({ dataDir: dir });
      await migrate(db);
      return db;
    };
    after(async () => {
      await db?.close();
      await drop();
    });

    /** Runs `n` attempts at once; returns how many reached the check and the refusals. */
    const burst = async (n: number, attempt: (i: number) => { account: string; ip: string }, pass = false) => {
      let checked = 0;
      const results = await Promise.allSettled(
        Array.from({ length: n }, (_, i) =>
          throttledCheck(db.prisma, attempt(i), async () => {
            checked++;
            return pass;
          }),
        ),
      );
      const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
      return { checked, refused };
    };

    it("a passing account check (2FA off, password change) gives back only its own point: guesses between passes still add up", async () => {
      await open();
      const account = accountKey("refund-only@example.com");
      const ip = "10.9.0.1";
      const reached = { wrong: 0, right: 0 };
      const attempt = (pass: boolean) =>
        throttledCheck(db.prisma, { account, ip }, async () => {
          reached[pass ? "right" : "wrong"]++;
          return pass;
        }, "refund");
      // A stolen session that can pass one check (its own authenticator's code) cannot wipe
      // the count of its password guesses by passing it between them.
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 4; i++) await attempt(false).catch(() => undefined);
        await attempt(true).catch(() => undefined);
      }
      assert.ok(reached.wrong <= ACCOUNT_LIMIT, `${reached.wrong} wrong guesses reached the check`);
      assert.ok(reached.right >= 1);
      await assert.rejects(attempt(false), LoginThrottledError);
    });

    it(`60 attempts at once on one account: at most ${ACCOUNT_LIMIT} checks, the rest refused with a wait`, async () => {
      await open();
      const { checked, refused } = await burst(60, (i) => ({ account: accountKey("Someone@Example.com "), ip: `10.1.0.${i}` }));
      assert.equal(checked, ACCOUNT_LIMIT);
      assert.equal(refused.length, 60 - ACCOUNT_LIMIT);
      for (const e of refused) {
        assert.ok(e instanceof LoginThrottledError);
        assert.ok(e.waitSeconds > 0 && e.waitSeconds <= WINDOW_SECONDS, String(e.waitSeconds));
        assert.match(e.message, /^throttled:\d+$/);
      }
      // The key is the normalised login.
      assert.equal((await burst(1, () => ({ account: accountKey("someone@example.com"), ip: "10.1.1.1" }))).checked, 0);
    });

    it(`60 attempts at once from one address over many accounts: at most ${ADDRESS_LIMIT} checks`, async () => {
      const { checked } = await burst(60, (i) => ({ account: accountKey(`user-${i}`), ip: "10.2.0.1" }));
      assert.equal(checked, ADDRESS_LIMIT);
    });

    it("a success resets the account and gives the address its point back", async () => {
      const attempt = { account: accountKey("ok", 42), ip: "10.3.0.1" };
      for (let i = 0; i < 30; i++) assert.equal((await burst(1, () => attempt, true)).checked, 1, `attempt ${i + 1}`);
      const [row] = await db.prisma.$queryRaw<{ points: number }[]>`SELECT points FROM rate_limits WHERE key = 'login:addr:10.3.0.1'`;
      assert.equal(Number(row.points), 0);
    });

    it("an expired window starts over", async () => {
      const attempt = { account: accountKey("expired"), ip: "10.4.0.1" };
      await burst(ACCOUNT_LIMIT + 3, () => attempt);
      assert.equal((await burst(1, () => attempt)).checked, 0);
      await db.prisma.$executeRaw`UPDATE rate_limits SET expire = (now() AT TIME ZONE 'UTC') - interval '1 second' WHERE key = ${attempt.account}`;
      assert.equal((await burst(1, () => attempt)).checked, 1);
    });
  });
}
