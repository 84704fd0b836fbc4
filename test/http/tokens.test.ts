// Personal API tokens and read isolation over HTTP: shown once, stored hashed, scoped,
// revocable; GET /api/vps and /api/vps/:id answer to a session or a vps:read token with
// the caller's own VPS only (admins: any VPS by id).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { query } from "../support/sync";

interface TokenJson {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  token?: string;
  last_used_at: string | null;
  revoked_at: string | null;
  expires_at: string | null;
}

const json = { "content-type": "application/json" };

async function createToken(c: SessionClient, body: unknown, headers: Record<string, string> = {}) {
  const res = await c.fetch("/api/tokens", { method: "POST", headers: { ...json, ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text), headers: res.headers };
}

const bearer = (url: string, path: string, token: string, init: RequestInit = {}) =>
  fetch(new URL(path, url), { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });

describe("API tokens and isolation over HTTP", () => {
  let panel: Panel;
  let alice: SessionClient; // demo client: 5 VPS
  let jane: SessionClient; // demo client2: 1 VPS
  let admin: SessionClient;
  let aliceIds: number[];
  let janeIds: number[];

  before(async () => {
    panel = await startPanel();
    alice = new SessionClient(panel.url);
    jane = new SessionClient(panel.url);
    admin = new SessionClient(panel.url);
    assert.ok(await alice.signIn("client@ospab.local", "client-demo-pass"));
    assert.ok(await jane.signIn("jane", "client2-demo-pass"));
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    aliceIds = (await (await alice.fetch("/api/vps")).json()).vps.map((v: { id: number }) => v.id);
    janeIds = (await (await jane.fetch("/api/vps")).json()).vps.map((v: { id: number }) => v.id);
    assert.equal(aliceIds.length, 5);
    assert.equal(janeIds.length, 1);
  });
  after(async () => {
    await panel?.stop();
  });

  it("a token is shown once (osp_ + 43 base62), stored as its SHA-256 only, listed without secret", async () => {
    const t0 = Date.now();
    const r = await createToken(alice, { name: "CI deploys", scopes: ["vps:read", "vps:write"], expires_in_days: 30 });
    const t1 = Date.now();
    assert.equal(r.status, 201, r.text);
    const t: TokenJson = r.body.token;
    assert.match(t.token!, /^osp_[0-9A-Za-z]{43}$/);
    assert.ok(t.token!.startsWith(t.prefix));
    assert.deepEqual(t.scopes, ["vps:read", "vps:write"]);
    // 30 days from the moment it was issued (between t0 and t1, to the second).
    const expires = Date.parse(t.expires_at!) - 30 * 86_400_000;
    assert.ok(expires >= t0 - 1000 && expires <= t1 + 1000, `${t.expires_at} vs issued in [${new Date(t0).toISOString()}, ${new Date(t1).toISOString()}]`);

    const [row] = await query<{ token_hash: string }>(panel.databaseUrl, "SELECT token_hash FROM api_tokens WHERE id = $1", [t.id]);
    assert.equal(row.token_hash, createHash("sha256").update(t.token!).digest("hex"));
    const dump = JSON.stringify(await query(panel.databaseUrl, "SELECT * FROM api_tokens"));
    assert.ok(!dump.includes(t.token!), "the secret is nowhere in the table");

    const list = await (await alice.fetch("/api/tokens")).json();
    const listed = list.tokens.find((x: TokenJson) => x.id === t.id);
    assert.deepEqual(Object.keys(listed).sort(), ["created_at", "expires_at", "id", "last_used_at", "name", "prefix", "revoked_at", "scopes"]);
    assert.ok(!JSON.stringify(list).includes(t.token!));
  });

  it("validates name, scopes and expiry; only admins may grant webhooks:admin", async () => {
    for (const body of [{ name: "", scopes: ["vps:read"] }, { name: "x", scopes: [] }, { name: "x", scopes: ["root"] }, { name: "x", scopes: ["vps:read"], expires_in_days: 0 }]) {
      const r = await createToken(alice, body);
      assert.equal(r.status, 400, JSON.stringify(body));
      assert.equal(r.body.status, "error");
    }
    const denied = await createToken(alice, { name: "hooks", scopes: ["webhooks:admin"] });
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /Only administrators may grant webhooks:admin/);
    const allowed = await createToken(admin, { name: "hooks", scopes: ["webhooks:admin"] });
    assert.equal(allowed.status, 201);
  });

  it("POST /api/tokens honours Idempotency-Key: the replay is the same token, made once", async () => {
    const first = await createToken(jane, { name: "idem", scopes: ["vps:read"] }, { "idempotency-key": "jane-token-1" });
    const again = await createToken(jane, { name: "idem", scopes: ["vps:read"] }, { "idempotency-key": "jane-token-1" });
    assert.equal(again.headers.get("idempotent-replayed"), "true");
    assert.equal(again.text, first.text);
    const other = await createToken(jane, { name: "idem-2", scopes: ["vps:read"] }, { "idempotency-key": "jane-token-1" });
    assert.equal(other.status, 422);
    // Another user's identical key is a different scope: a fresh token, not Jane's.
    const alices = await createToken(alice, { name: "idem", scopes: ["vps:read"] }, { "idempotency-key": "jane-token-1" });
    assert.equal(alices.status, 201);
    assert.notEqual(alices.body.token.token, first.body.token.token);
    const names = (await (await jane.fetch("/api/tokens")).json()).tokens.filter((t: TokenJson) => t.name === "idem");
    assert.equal(names.length, 1);
  });

  it("GET /api/vps and /api/vps/:id with a vps:read token: own VPS only, whatever id is guessed", async () => {
    const { token } = (await createToken(alice, { name: "reader", scopes: ["vps:read"] })).body;
    const list = await bearer(panel.url, "/api/vps", token.token);
    assert.equal(list.status, 200);
    assert.deepEqual((await list.json()).vps.map((v: { id: number }) => v.id).sort(), [...aliceIds].sort());

    const maxId = Math.max(...aliceIds, ...janeIds) + 5;
    for (let id = 1; id <= maxId; id++) {
      const [viaToken, viaSession] = await Promise.all([bearer(panel.url, `/api/vps/${id}`, token.token), alice.fetch(`/api/vps/${id}`)]);
      const expected = aliceIds.includes(id) ? 200 : 404;
      assert.equal(viaToken.status, expected, `token, id ${id}`);
      assert.equal(viaSession.status, expected, `session, id ${id}`);
      if (expected === 200) assert.equal((await viaToken.json()).vps.id, id);
      else assert.deepEqual(await viaToken.json(), { status: "error", code: "not_found", message: `VPS ${id} not found` });
    }
    for (const bad of ["0", "-1", "abc", "99999999999", "1.5"]) assert.equal((await bearer(panel.url, `/api/vps/${bad}`, token.token)).status, 404, bad);
  });

  it("Jane cannot read Alice's VPS; an admin can read any", async () => {
    for (const id of aliceIds) assert.equal((await jane.fetch(`/api/vps/${id}`)).status, 404);
    const r = await admin.fetch(`/api/vps/${janeIds[0]}`);
    assert.equal(r.status, 200);
    assert.equal((await r.json()).vps.name, "jane-blog");
    const { token } = (await createToken(admin, { name: "admin reader", scopes: ["vps:read"] })).body;
    assert.equal((await bearer(panel.url, `/api/vps/${aliceIds[0]}`, token.token)).status, 200);
  });

  it("a token without vps:read is 403; unknown, malformed, revoked and expired tokens are 401", async () => {
    const { token: writer } = (await createToken(alice, { name: "orders only", scopes: ["orders:write"] })).body;
    const noScope = await bearer(panel.url, "/api/vps", writer.token);
    assert.equal(noScope.status, 403);
    assert.equal((await noScope.json()).message, "API token lacks the vps:read scope");

    const unknown = `osp_${"A".repeat(43)}`;
    for (const t of [unknown, "osp_short", "not-a-token"]) {
      const r = await bearer(panel.url, "/api/vps", t);
      assert.equal(r.status, 401, t);
    }
    const malformed = await fetch(`${panel.url}/api/vps`, { headers: { authorization: "Basic abc" } });
    assert.equal(malformed.status, 401);

    const { token: doomed } = (await createToken(alice, { name: "doomed", scopes: ["vps:read"] })).body;
    assert.equal((await bearer(panel.url, "/api/vps", doomed.token)).status, 200);
    const del = await alice.fetch(`/api/tokens/${doomed.id}`, { method: "DELETE" });
    assert.equal(del.status, 200);
    assert.ok((await del.json()).token.revoked_at);
    const after = await bearer(panel.url, "/api/vps", doomed.token);
    assert.equal(after.status, 401);
    assert.equal((await after.json()).message, "Invalid, expired or revoked API token");

    const { token: old } = (await createToken(alice, { name: "expiring", scopes: ["vps:read"], expires_in_days: 1 })).body;
    assert.equal((await bearer(panel.url, "/api/vps", old.token)).status, 200);
    await query(panel.databaseUrl, "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1", [old.id]);
    assert.equal((await bearer(panel.url, "/api/vps", old.token)).status, 401);
  });

  it("tokens cannot manage tokens, and a user can only revoke their own", async () => {
    const { token } = (await createToken(alice, { name: "all", scopes: ["vps:read", "vps:write", "orders:write"] })).body;
    const mint = await bearer(panel.url, "/api/tokens", token.token, { method: "POST", headers: json, body: JSON.stringify({ name: "x", scopes: ["vps:read"] }) });
    assert.equal(mint.status, 401);
    assert.equal((await bearer(panel.url, "/api/tokens", token.token)).status, 401);

    const janes = (await (await jane.fetch("/api/tokens")).json()).tokens as TokenJson[];
    const r = await alice.fetch(`/api/tokens/${janes[0].id}`, { method: "DELETE" });
    assert.equal(r.status, 404);
    const still = (await (await jane.fetch("/api/tokens")).json()).tokens.find((t: TokenJson) => t.id === janes[0].id);
    assert.equal(still.revoked_at, null);
    const signedOut = await fetch(`${panel.url}/api/tokens`);
    assert.equal(signedOut.status, 401);
  });

  it("last_used_at is recorded, at most once a minute", async () => {
    const { token } = (await createToken(jane, { name: "usage", scopes: ["vps:read"] })).body;
    const lastUsed = async () => (await query<{ last_used_at: Date | null }>(panel.databaseUrl, "SELECT last_used_at FROM api_tokens WHERE id = $1", [token.id]))[0].last_used_at;
    assert.equal(await lastUsed(), null);
    await bearer(panel.url, "/api/vps", token.token);
    const first = await lastUsed();
    assert.ok(first);
    await bearer(panel.url, "/api/vps", token.token);
    assert.equal((await lastUsed())!.getTime(), first!.getTime());
    await query(panel.databaseUrl, "UPDATE api_tokens SET last_used_at = now() - interval '61 seconds' WHERE id = $1", [token.id]);
    const [{ stale }] = await query<{ stale: Date }>(panel.databaseUrl, "SELECT last_used_at AS stale FROM api_tokens WHERE id = $1", [token.id]);
    await bearer(panel.url, "/api/vps", token.token);
    // Older than a minute: refreshed (to the database's clock, so no bound on how long the call took).
    assert.ok((await lastUsed())!.getTime() >= stale.getTime() + 60_000);
    const listed = (await (await jane.fetch("/api/tokens")).json()).tokens.find((t: TokenJson) => t.id === token.id);
    assert.ok(listed.last_used_at);
  });

  it("a deleted VPS disappears from the owner's reads", async () => {
    const id = janeIds[0];
    const r = await fetch(`${panel.url}/api/vps/sync`, {
      method: "POST",
      headers: { ...json, "x-api-key": panel.env.VPS_SYNC_API_KEY },
      body: JSON.stringify({ action: "delete", vps: { id } }),
    });
    assert.equal(r.status, 200);
    assert.equal((await jane.fetch(`/api/vps/${id}`)).status, 404);
    assert.deepEqual((await (await jane.fetch("/api/vps")).json()).vps, []);
    assert.equal((await admin.fetch(`/api/vps/${id}`)).status, 404);
  });
});
