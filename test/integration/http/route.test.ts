// The route builder (lib/http/handler.ts) called as Next calls it, on an embedded PGlite:
// each kind hands its handler what it promises (a non-null actor for user/admin, none for
// public/machine, always the db), refusals keep their statuses and gain a stable `code`,
// and idempotency claims, replays and releases in one step.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { z } from "zod";

const KEY = "route-test-sync-key-0123456789abcdef0123456789";
process.env.NEXTAUTH_SECRET ??= "route-test-secret-0123456789abcdef0123456789";
process.env.VPS_SYNC_API_KEY = KEY;
(process.env as Record<string, string | undefined>).NODE_ENV ??= "test";

const { openDatabase, setDatabase } = await import("../../../lib/db");
const { migrate } = await import("../../../lib/migrate");
const { createUser } = await import("../../../lib/users/create-user");
const { createToken } = await import("../../../lib/tokens/create-token");
const { route, reply } = await import("../../../lib/http/handler");
const { idParams } = await import("../../../lib/http/params");
const { AppError } = await import("../../../lib/errors");
type Database = Awaited<ReturnType<typeof openDatabase>>;

const URL_BASE = "http://panel.test";
const call = (def: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, init: {
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
  params?: Record<string, string>;
} = {}) =>
  def(
    new Request(`${URL_BASE}${init.path ?? "/api/test"}`, {
      method: init.method ?? (init.body === undefined ? "GET" : "POST"),
      headers: { ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
    { params: Promise.resolve(init.params ?? {}) },
  );
const json = async (res: Response) => ({ status: res.status, headers: res.headers, body: await res.json() });

describe("route builder", () => {
  let db: Database;
  let clientToken: string;
  let adminToken: string;
  let clientId: number;
  let adminId: number;

  before(async () => {
    db = await openDatabase({ dataDir: mkdtempSync(path.join(tmpdir(), "ospab-route-")) });
    await migrate(db);
    setDatabase(db);
    const client = await createUser(db.prisma, { email: "client@example.com", password: "client-password" });
    const admin = await createUser(db.prisma, { email: "admin@example.com", password: "admin-password", role: "admin" });
    clientId = client.id;
    adminId = admin.id;
    clientToken = (await createToken(db.prisma, { userId: clientId, role: "client" }, { name: "t", scopes: ["vps:read"] })).secret;
    adminToken = (await createToken(db.prisma, { userId: adminId, role: "admin" }, { name: "t", scopes: ["vps:read"] })).secret;
  });
  after(async () => {
    await db?.close();
  });
  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  describe("kinds", () => {
    const whoAmI = route.user({ method: "GET", path: "/api/test", tokenScope: "vps:read" }, async ({ actor, db }) => ({
      userId: actor.userId,
      role: actor.role,
      db: typeof db.user.findMany,
    }));
    const adminOnly = route.admin({ method: "GET", path: "/api/test", tokenScope: "vps:read" }, async ({ actor }) => ({ role: actor.role }));
    const machine = route.machine({ method: "GET", path: "/api/test" }, async (ctx) => ({ hasActor: "actor" in ctx, actorType: ctx.audit.actorType }));
    const open = route.public({ method: "GET", path: "/api/test" }, async (ctx) => ({ hasActor: "actor" in ctx }));

    it("route.user hands the handler the token's owner and the db", async () => {
      const r = await json(await call(whoAmI, { headers: bearer(clientToken) }));
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { userId: clientId, role: "client", db: "function" });
      assert.match(r.headers.get("x-request-id") ?? "", /^[0-9a-f-]{36}$/);
    });

    it("route.user with a bad credential: 401 unauthorized, www-authenticate, the handler never runs", async () => {
      const r = await json(await call(whoAmI, { headers: bearer("osp_not-a-real-token") }));
      assert.equal(r.status, 401);
      assert.deepEqual(r.body, { status: "error", code: "unauthorized", message: "Invalid, expired or revoked API token" });
      assert.equal(r.headers.get("www-authenticate"), 'Bearer realm="ospab-panel"');
    });

    it("route.admin: a client is 403 forbidden, an admin gets an admin actor", async () => {
      const refused = await json(await call(adminOnly, { headers: bearer(clientToken) }));
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.body, { status: "error", code: "forbidden", message: "Administrator access required" });
      assert.deepEqual((await json(await call(adminOnly, { headers: bearer(adminToken) }))).body, { role: "admin" });
    });

    it("route.machine: the X-API-Key, no actor; a wrong key is 401 with the sync API's message", async () => {
      const refused = await json(await call(machine, { headers: { "x-api-key": "wrong" } }));
      assert.equal(refused.status, 401);
      assert.deepEqual(refused.body, { status: "error", code: "unauthorized", message: "Invalid or missing API key" });
      assert.deepEqual((await json(await call(machine, { headers: { "x-api-key": KEY } }))).body, { hasActor: false, actorType: "machine" });
    });

    it("route.public: anyone, no actor", async () => {
      assert.deepEqual((await json(await call(open))).body, { hasActor: false });
    });

    it("definitions carry their kind, method and path", () => {
      assert.deepEqual([whoAmI.kind, adminOnly.kind, machine.kind, open.kind], ["user", "admin", "machine", "public"]);
      assert.equal(whoAmI.method, "GET");
      assert.equal(whoAmI.path, "/api/test");
    });
  });

  describe("schemas", () => {
    const order = route.machine(
      { method: "POST", path: "/api/test/:id", body: z.object({ reason: z.string().min(1, "reason is required") }), params: idParams("Order") },
      async ({ params, body }) => ({ id: params.id, reason: body.reason }),
    );

    it("params: a refused id is 404 not_found with the schema's message; a good one arrives as a number", async () => {
      for (const bad of ["abc", "0", "-1", "1.5", "99999999999"]) {
        const r = await json(await call(order, { headers: { "x-api-key": KEY }, body: { reason: "x" }, params: { id: bad } }));
        assert.equal(r.status, 404, bad);
        assert.deepEqual(r.body, { status: "error", code: "not_found", message: `Order ${bad} not found` });
      }
      const ok = await json(await call(order, { headers: { "x-api-key": KEY }, body: { reason: "x" }, params: { id: "42" } }));
      assert.deepEqual(ok.body, { id: 42, reason: "x" });
    });

    it("body: a refusal is 400 validation_failed with the fields, before the params", async () => {
      const r = await json(await call(order, { headers: { "x-api-key": KEY }, body: { reason: "" }, params: { id: "abc" } }));
      assert.equal(r.status, 400);
      assert.deepEqual(r.body, {
        status: "error",
        code: "validation_failed",
        message: "Invalid request: reason: reason is required",
        errors: [{ field: "reason", message: "reason is required" }],
      });
    });

    it("an unknown error is a 500 with code internal and the request id, never the error's text", async () => {
      const broken = route.public({ method: "GET", path: "/api/test" }, async () => {
        throw new Error("secret detail");
      });
      const r = await json(await call(broken));
      assert.equal(r.status, 500);
      assert.deepEqual(r.body, { status: "error", code: "internal", message: "Internal server error", request_id: r.headers.get("x-request-id") });
    });

    it("renderError is told the code as well as the status and message", async () => {
      const seen: unknown[] = [];
      const custom = route.machine(
        { method: "GET", path: "/api/test", renderError: (e) => (seen.push(e), reply.text(e.status, `ERROR ${e.message}\n`)) },
        async () => ({}),
      );
      const res = await call(custom);
      assert.equal(res.status, 401);
      assert.equal(await res.text(), "ERROR Invalid or missing API key\n");
      assert.equal(res.headers.get("content-type"), "text/plain; charset=utf-8");
      assert.deepEqual(seen.map((e) => ({ ...(e as object), requestId: "-" })), [
        { status: 401, code: "unauthorized", message: "Invalid or missing API key", requestId: "-" },
      ]);
    });

    it("a handler that returns a Response is refused (the type system refuses it first)", async () => {
      // @ts-expect-error handlers return data or reply(), never a Response
      const raw = route.public({ method: "GET", path: "/api/test" }, async () => new Response("x"));
      assert.equal((await call(raw)).status, 500);
    });
  });

  describe("idempotency, one wrapped step", () => {
    let runs = 0;
    let outcome: "ok" | "throw" | "conflict" = "ok";
    const create = route.machine(
      { method: "POST", path: "/api/test", idempotent: true, body: z.object({ n: z.number() }) },
      async ({ body, idempotencyKey }) => {
        runs++;
        if (outcome === "throw") throw new AppError(409, "busy");
        if (outcome === "conflict") return reply(409, { status: "error", message: "taken" });
        return reply(201, { n: body.n, run: runs, key: idempotencyKey });
      },
    );
    const send = (key: string, n = 1) => call(create, { headers: { "x-api-key": KEY, "idempotency-key": key }, body: { n } });

    it("a repeat gets the stored reply byte for byte without running again", async () => {
      runs = 0;
      outcome = "ok";
      const first = await send("k-replay");
      const text = await first.text();
      assert.equal(first.status, 201);
      const again = await send("k-replay");
      assert.equal(again.status, 201);
      assert.equal(again.headers.get("idempotent-replayed"), "true");
      assert.equal(await again.text(), text);
      assert.equal(runs, 1);
    });

    it("the same key with another body is 422 idempotency_conflict", async () => {
      outcome = "ok";
      await send("k-other", 1);
      const r = await json(await send("k-other", 2));
      assert.equal(r.status, 422);
      assert.equal(r.body.code, "idempotency_conflict");
      assert.equal(r.body.message, "Idempotency-Key was already used with a different request body");
    });

    it("a throw or a non-2xx reply releases the key: the retry runs", async () => {
      runs = 0;
      outcome = "throw";
      assert.equal((await send("k-throw")).status, 409);
      outcome = "ok";
      const retried = await send("k-throw");
      assert.equal(retried.status, 201);
      assert.equal(retried.headers.get("idempotent-replayed"), null);
      assert.equal(runs, 2);

      outcome = "conflict";
      assert.equal((await send("k-reply")).status, 409);
      outcome = "ok";
      assert.equal((await send("k-reply")).status, 201);
      assert.equal(runs, 4);
      const rows = await db.sql.query<{ key: string; completed: boolean }>(
        `SELECT key, completed FROM idempotency_records WHERE key IN ('k-throw', 'k-reply') ORDER BY key`,
      );
      assert.deepEqual(rows.map((r) => [r.key, r.completed]), [["k-reply", true], ["k-throw", true]]);
    });

    it("a malformed key is 400 bad_request", async () => {
      const r = await json(await send("has space"));
      assert.equal(r.status, 400);
      assert.equal(r.body.code, "bad_request");
    });
  });
});
