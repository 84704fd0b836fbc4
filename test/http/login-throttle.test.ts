// Login throttling as an attacker meets it: many wrong passwords sent AT ONCE through
// next-auth's real credentials callback cost no more password checks than the limit
// (5 per account, 20 per address in 15 minutes), because the attempt is paid for before the
// hash is checked (PRODUCT.md §12).
//
// Hash checks are counted from the panel's own log: lib/auth/password.ts writes one
// `password check` line (LOG_LEVEL=debug) for every bcrypt comparison it starts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, type Panel } from "../support/panel";
import { post } from "../support/sync";

const settle = () => new Promise((r) => setTimeout(r, 300));

/** Signs in through /api/auth/csrf and /api/auth/callback/credentials; returns whether a
 *  session cookie came back and the error next-auth reported (e.g. `throttled:899`). */
async function signIn(panel: Panel, login: string, password: string, address: string) {
  // TRUST_PROXY=1: the rightmost X-Forwarded-For entry is what "our proxy" appended; the
  // leftmost is the attacker's own invention, different on every request.
  const forged = `${Math.floor(Math.random() * 223) + 1}.${Math.floor(Math.random() * 255)}.0.1`;
  const c = new SessionClient(panel.url, { "x-forwarded-for": `${forged}, ${address}` });
  const csrf = (await (await c.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await c.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, login, password, json: "true" }),
  });
  const { url } = (await res.json()) as { url: string };
  const ok = c.cookieList.some((k) => k.name.endsWith("next-auth.session-token"));
  return { ok, error: new URL(url, panel.url).searchParams.get("error") };
}

describe("login throttling under a burst", () => {
  let panel: Panel;
  const checks = () => panel.logs().split("\n").filter((l) => l.includes('"msg":"password check"')).length;

  before(async () => {
    panel = await startPanel({ env: { LOG_LEVEL: "debug", TRUST_PROXY: "1" } });
    for (const email of ["victim@example.com", "bystander@example.com"])
      assert.ok((await post(panel.url, "/api/users/sync", { email, password: "right-password-123" })).status < 300);
  });
  after(async () => {
    await panel?.stop();
  });

  it("60 parallel wrong passwords for one account cost at most 5 hash checks; then even the right one is refused", async (t) => {
    const before = checks();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIn(panel, "victim@example.com", `wrong-${i}`, `198.51.100.${i + 1}`)),
    );
    await settle();
    const spent = checks() - before;
    t.diagnostic(`${spent} password checks for 60 parallel attempts on one account`);
    assert.ok(spent <= 5, `${spent} password checks for 60 attempts (limit 5)`);
    assert.ok(results.every((r) => !r.ok));
    assert.ok(results.filter((r) => r.error?.startsWith("throttled:")).length >= 55, "the refused ones say they are throttled");

    // Blocked: the right password is refused too, without a hash check, from any address,
    // and by username-or-email spelling alike.
    const mark = checks();
    const right = await signIn(panel, " Victim@Example.com ", "right-password-123", "192.0.2.200");
    assert.equal(right.ok, false);
    const wait = Number(right.error?.match(/^throttled:(\d+)$/)?.[1]);
    assert.ok(wait > 60 && wait <= 15 * 60, `wait ${right.error}`);
    await settle();
    assert.equal(checks() - mark, 0, "a blocked attempt must not reach the hash");

    // Another account is not affected.
    assert.equal((await signIn(panel, "bystander@example.com", "right-password-123", "192.0.2.201")).ok, true);
  });

  it("60 parallel wrong passwords from one address (spread over 30 accounts, spoofed leftmost X-Forwarded-For) cost at most 20", async (t) => {
    const address = "203.0.113.77";
    const before = checks();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIn(panel, `nobody-${i % 30}@example.com`, "guess", address)),
    );
    await settle();
    const spent = checks() - before;
    t.diagnostic(`${spent} password checks for 60 parallel attempts from one address`);
    assert.ok(spent <= 20, `${spent} password checks from one address (limit 20)`);
    assert.ok(results.every((r) => !r.ok));
    // The address is blocked, even for a right password of an untouched account...
    const blocked = await signIn(panel, "bystander@example.com", "right-password-123", address);
    assert.equal(blocked.ok, false);
    assert.match(blocked.error ?? "", /^throttled:\d+$/);
    // ...while the same account signs in from elsewhere.
    assert.equal((await signIn(panel, "bystander@example.com", "right-password-123", "203.0.113.78")).ok, true);
  });

  it("successful sign-ins do not use up an address (people behind one NAT)", async () => {
    const address = "203.0.113.99";
    for (let i = 0; i < 25; i++) assert.equal((await signIn(panel, "bystander@example.com", "right-password-123", address)).ok, true, `sign-in ${i + 1}`);
  });
});
