// Who may touch a VPS's action requests (PRODUCT.md §9), tried from the wrong side against
// the built panel: every route of the request/report core — list, ask, cancel, the
// owner's one-time reveal of a new root password, and the main site's report — refuses
// another client (404, existence not told), an anonymous caller (401), a token without the
// route's scope (403), a cookie-borne write from a foreign Origin (403) and a wrong or
// missing machine key (401). After every refusal the request is checked unchanged, and the
// owner's legitimate call still works at the end (the refusals consumed nothing).
// Each guard has its own `it`, so breaking one guard fails its own tests.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { post, query, vpsSpec } from "../support/sync";

const unique = (what: string) => `${what}-${randomBytes(4).toString("hex")}`;
const FOREIGN = "https://evil.example";

interface Client {
  id: number;
  session: SessionClient;
  /** vps:write + vps:read */
  writer: string;
  /** vps:read only */
  reader: string;
  /** orders:write only: no VPS scope at all */
  stranger: string;
}

type Caller =
  | { kind: "session"; client: SessionClient; origin?: string }
  | { kind: "token"; token: string }
  | { kind: "anonymous"; origin?: string };

describe("§9 action routes refuse the wrong caller (built panel)", () => {
  let panel: Panel;
  let admin: SessionClient;
  let alice: Client; // owner
  let bob: Client; // another client
  let vps: { id: number; name: string };
  let bobsVps: { id: number; name: string };
  /** alice's pending request (cancel target) */
  let pendingId = 0;
  /** alice's completed reset_password with a secret result (reveal target) */
  let revealId = 0;
  const NEW_PASSWORD = `Root-${randomBytes(6).toString("hex")}`;

  async function newClient(): Promise<Client> {
    const email = `${unique("c")}@example.com`;
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const r = await post(panel.url, "/api/users/sync", { email, password });
    assert.ok(r.status === 200 || r.status === 201, r.text);
    const session = new SessionClient(panel.url);
    assert.ok(await session.signIn(email, password));
    const token = async (scopes: string[]) => {
      const res = await session.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: unique("t"), scopes }) });
      assert.equal(res.status, 201, await res.clone().text());
      return ((await res.json()) as { token: { token: string } }).token.token;
    };
    return { id: r.json.user.id as number, session, writer: await token(["vps:write", "vps:read"]), reader: await token(["vps:read"]), stranger: await token(["orders:write"]) };
  }

  async function newVps(userId: number) {
    const r = await post(panel.url, "/api/vps/sync", { action: "create", vps: vpsSpec({ user_id: userId, name: unique("vps"), status: "running" }) });
    assert.equal(r.status, 201, r.text);
    return r.json.vps as { id: number; name: string };
  }

  async function call(who: Caller, method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (who.kind !== "token" && who.origin) headers.origin = who.origin;
    if (who.kind === "token") headers.authorization = `Bearer ${who.token}`;
    const init: RequestInit = { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) };
    const res = who.kind === "session" ? await who.client.fetch(path, init) : await fetch(new URL(path, panel.url), init);
    const text = await res.text();
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      /* not JSON */
    }
    return { status: res.status, text, json };
  }

  const requestRow = async (id: number) =>
    (await query<{ status: string; sealed: boolean; revealed: boolean }>(
      panel.databaseUrl,
      "SELECT status::text, result_secret IS NOT NULL AS sealed, result_revealed_at IS NOT NULL AS revealed FROM vps_action_requests WHERE id = $1",
      [id],
    ))[0];
  const requestCount = async (vpsId: number) =>
    (await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps_action_requests WHERE vps_id = $1", [vpsId]))[0].n;

  before(async () => {
    panel = await startPanel({ demoData: false });
    admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    alice = await newClient();
    bob = await newClient();
    vps = await newVps(alice.id);
    bobsVps = await newVps(bob.id);

    // A reset_password the main site completed with a new password (the reveal's target)...
    const asked = await call({ kind: "token", token: alice.writer }, "POST", `/api/vps/${vps.id}/actions`, { action: "reset_password" });
    assert.equal(asked.status, 202, asked.text);
    revealId = (asked.json!.request as { id: number }).id;
    const done = await post(panel.url, `/api/vps/actions/${revealId}`, { status: "completed", result: { root_password: NEW_PASSWORD } });
    assert.equal(done.status, 200, done.text);
    // ...then a pending reboot (the cancel target; the list has both).
    const reboot = await call({ kind: "token", token: alice.writer }, "POST", `/api/vps/${vps.id}/actions`, { action: "reboot" });
    assert.equal(reboot.status, 202, reboot.text);
    pendingId = (reboot.json!.request as { id: number }).id;
  });
  after(async () => {
    await panel?.stop();
  });

  /** The routes a user calls, with the id of alice's VPS (or another's, to cross paths). */
  const routes = () => ({
    list: { method: "GET", path: `/api/vps/${vps.id}/actions`, body: undefined as unknown, write: false },
    ask: { method: "POST", path: `/api/vps/${vps.id}/actions`, body: { action: "rename", name: "taken-over" } as unknown, write: true },
    cancel: { method: "DELETE", path: `/api/vps/${vps.id}/actions/${pendingId}`, body: undefined as unknown, write: true },
    reveal: { method: "POST", path: `/api/vps/${vps.id}/actions/${revealId}/result`, body: undefined as unknown, write: true },
  });
  type RouteName = keyof ReturnType<typeof routes>;
  const NAMES: RouteName[] = ["list", "ask", "cancel", "reveal"];

  /** Nothing a refused call could have changed did change. */
  async function unchanged() {
    assert.equal(await requestCount(vps.id), 2, "no request was added");
    assert.equal((await requestRow(pendingId)).status, "pending", "the reboot is still pending");
    const r = await requestRow(revealId);
    assert.deepEqual(r, { status: "completed", sealed: true, revealed: false }, "the new password is still sealed, unrevealed");
    const names = await query<{ name: string }>(panel.databaseUrl, "SELECT name FROM vps WHERE id = $1", [vps.id]);
    assert.equal(names[0].name, vps.name);
  }

  describe("another client", () => {
    for (const name of NAMES) {
      it(`${name}: another client's session gets 404 and learns nothing`, async () => {
        const r = routes()[name];
        const res = await call({ kind: "session", client: bob.session }, r.method, r.path, r.body);
        assert.equal(res.status, 404, res.text);
        assert.ok(!res.text.includes(vps.name) && !res.text.includes(NEW_PASSWORD), res.text);
        await unchanged();
      });
      it(`${name}: another client's token (right scopes) gets 404`, async () => {
        const r = routes()[name];
        const res = await call({ kind: "token", token: bob.writer }, r.method, r.path, r.body);
        assert.equal(res.status, 404, res.text);
        assert.ok(!res.text.includes(NEW_PASSWORD));
        await unchanged();
      });
    }
    it("a request id under another VPS's path is not found (cancel and reveal through bob's own VPS)", async () => {
      for (const [method, path] of [
        ["DELETE", `/api/vps/${bobsVps.id}/actions/${pendingId}`],
        ["POST", `/api/vps/${bobsVps.id}/actions/${revealId}/result`],
      ] as const) {
        const res = await call({ kind: "session", client: bob.session }, method, path);
        assert.equal(res.status, 404, `${method} ${path}: ${res.text}`);
      }
      await unchanged();
    });
  });

  describe("anonymous", () => {
    for (const name of NAMES) {
      it(`${name}: no session, no token gets 401`, async () => {
        const r = routes()[name];
        const res = await call({ kind: "anonymous" }, r.method, r.path, r.body);
        assert.equal(res.status, 401, res.text);
        assert.ok(!res.text.includes(NEW_PASSWORD));
        await unchanged();
      });
    }
  });

  describe("token scopes", () => {
    for (const name of NAMES) {
      const r0 = { list: false, ask: true, cancel: true, reveal: true }[name];
      if (r0) {
        it(`${name}: the owner's vps:read token (no vps:write) gets 403`, async () => {
          const r = routes()[name];
          const res = await call({ kind: "token", token: alice.reader }, r.method, r.path, r.body);
          assert.equal(res.status, 403, res.text);
          assert.match(String(res.json?.message), /vps:write/);
          await unchanged();
        });
      } else {
        it(`${name}: the owner's token without any VPS scope gets 403`, async () => {
          const r = routes()[name];
          const res = await call({ kind: "token", token: alice.stranger }, r.method, r.path, r.body);
          assert.equal(res.status, 403, res.text);
          assert.match(String(res.json?.message), /vps:read/);
        });
      }
    }
  });

  describe("foreign Origin", () => {
    for (const name of ["ask", "cancel", "reveal"] as const) {
      it(`${name}: the owner's own cookies from a foreign Origin get 403`, async () => {
        const r = routes()[name];
        const res = await call({ kind: "session", client: alice.session, origin: FOREIGN }, r.method, r.path, r.body);
        assert.equal(res.status, 403, res.text);
        assert.match(String(res.json?.message), /Cross-origin/);
        assert.ok(!res.text.includes(NEW_PASSWORD));
        await unchanged();
      });
    }
    it("list: a cross-origin read gets no CORS grant (the browser would not hand it over)", async () => {
      const r = routes().list;
      const res = await alice.session.fetch(r.path, { headers: { origin: FOREIGN } });
      assert.equal(res.headers.get("access-control-allow-origin"), null);
      await res.text();
    });
  });

  describe("admin", () => {
    it("an admin lists, but never reveals a client's new root password (403)", async () => {
      const list = await call({ kind: "session", client: admin }, "GET", `/api/vps/${vps.id}/actions`);
      assert.equal(list.status, 200, list.text);
      assert.ok(!list.text.includes(NEW_PASSWORD));
      const res = await call({ kind: "session", client: admin }, "POST", `/api/vps/${vps.id}/actions/${revealId}/result`);
      assert.equal(res.status, 403, res.text);
      assert.ok(!res.text.includes(NEW_PASSWORD));
      await unchanged();
    });
  });

  describe("the main site's report", () => {
    const report = { status: "failed", message: "forged failure" };
    it("without X-API-Key gets 401", async () => {
      const res = await post(panel.url, `/api/vps/actions/${pendingId}`, report, { key: null });
      assert.equal(res.status, 401, res.text);
      await unchanged();
    });
    it("with a wrong key gets 401", async () => {
      for (const key of [`${TEST_SYNC_KEY}x`, TEST_SYNC_KEY.slice(0, -1), "your_secret_api_key_here_min_32_chars_change_this"]) {
        const res = await post(panel.url, `/api/vps/actions/${pendingId}`, report, { key });
        assert.equal(res.status, 401, `${key}: ${res.text}`);
        assert.equal(res.json?.message, "Invalid or missing API key");
      }
      await unchanged();
    });
    it("a user's session or API token is not a machine key (401)", async () => {
      const bySession = await alice.session.fetch(`/api/vps/actions/${pendingId}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(report) });
      assert.equal(bySession.status, 401, await bySession.text());
      const byToken = await post(panel.url, `/api/vps/actions/${pendingId}`, report, { key: null, headers: { authorization: `Bearer ${alice.writer}` } });
      assert.equal(byToken.status, 401, byToken.text);
      const tokenAsKey = await post(panel.url, `/api/vps/actions/${pendingId}`, report, { key: alice.writer });
      assert.equal(tokenAsKey.status, 401, tokenAsKey.text);
      await unchanged();
    });
  });

  describe("the owner, after all of that", () => {
    it("lists, reveals once (then 409) and cancels: the refusals took nothing away", async () => {
      const list = await call({ kind: "session", client: alice.session }, "GET", `/api/vps/${vps.id}/actions`);
      assert.equal(list.status, 200, list.text);
      assert.deepEqual((list.json!.requests as { id: number }[]).map((r) => r.id), [pendingId, revealId]);
      assert.ok(!list.text.includes(NEW_PASSWORD));

      const own = await call({ kind: "session", client: alice.session, origin: panel.url }, "POST", `/api/vps/${vps.id}/actions/${revealId}/result`);
      assert.equal(own.status, 200, own.text);
      assert.deepEqual(own.json, { root_password: NEW_PASSWORD });
      const again = await call({ kind: "token", token: alice.writer }, "POST", `/api/vps/${vps.id}/actions/${revealId}/result`);
      assert.equal(again.status, 409, again.text);

      const cancel = await call({ kind: "session", client: alice.session, origin: panel.url }, "DELETE", `/api/vps/${vps.id}/actions/${pendingId}`);
      assert.equal(cancel.status, 200, cancel.text);
      assert.equal((await requestRow(pendingId)).status, "cancelled");
    });
  });
});
