// The foundation as a user meets it over HTTP: health, sign-in, area protection.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";

describe("foundation over HTTP", () => {
  let panel: Panel;
  before(async () => {
    panel = await startPanel();
  });
  after(async () => {
    await panel?.stop();
  });

  it("GET /api/health answers ok", async () => {
    const res = await fetch(`${panel.url}/api/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
  });

  it("signed-out visitors are sent to /login and the API refuses them", async () => {
    for (const page of ["/", "/dashboard", "/admin"]) {
      const res = await fetch(`${panel.url}${page}`, { redirect: "manual" });
      assert.equal(res.status, 307, page);
      assert.match(res.headers.get("location") ?? "", /\/login$/, page);
    }
    const api = await fetch(`${panel.url}/api/vps`);
    assert.equal(api.status, 401);
    assert.equal((await api.json()).message, "Authentication required");
  });

  it("a client signs in by email or username and sees only own VPS", async () => {
    const byEmail = new SessionClient(panel.url);
    assert.equal(await byEmail.signIn("client@ospab.local", "client-demo-pass"), true);
    const { vps } = await (await byEmail.fetch("/api/vps")).json();
    assert.equal(vps.length, 5);
    assert.ok(vps.every((v: { name: string }) => v.name !== "jane-blog"));

    const byUsername = new SessionClient(panel.url);
    assert.equal(await byUsername.signIn("jane", "client2-demo-pass"), true);
    const jane = await (await byUsername.fetch("/api/vps")).json();
    assert.deepEqual(jane.vps.map((v: { name: string }) => v.name), ["jane-blog"]);
  });

  it("a client is kept out of the admin area; an admin gets in", async () => {
    const client = new SessionClient(panel.url);
    await client.signIn("client@ospab.local", "client-demo-pass");
    const res = await client.fetch("/admin");
    assert.equal(res.status, 307);
    assert.match(res.headers.get("location") ?? "", /\/dashboard$/);

    const admin = new SessionClient(panel.url);
    assert.equal(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password), true);
    assert.equal((await admin.fetch("/admin")).status, 200);
  });

  it("a wrong password is refused and repeated failures are throttled", async () => {
    const c = new SessionClient(panel.url);
    assert.equal(await c.signIn("client2@ospab.local", "wrong"), false);
    for (let i = 0; i < 5; i++) await c.signIn("client2@ospab.local", "wrong");
    // Even the right password is refused while throttled.
    assert.equal(await c.signIn("client2@ospab.local", "client2-demo-pass"), false);
    // A forged X-Forwarded-For does not buy a fresh allowance (TRUST_PROXY is off).
    const forged = new SessionClient(panel.url, { "x-forwarded-for": "198.51.100.99" });
    assert.equal(await forged.signIn("client2@ospab.local", "client2-demo-pass"), false);
    // Another account from the same address is not affected.
    assert.equal(await new SessionClient(panel.url).signIn("client@ospab.local", "client-demo-pass"), true);
  });
});
