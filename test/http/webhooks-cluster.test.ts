// Two panel processes on one PostgreSQL database. A runs the background workers, B starts
// web-only (PANEL_WORKERS=0), so whatever B's clients receive came through the PostgreSQL
// adapter: a dashboard (socket.io) and /ws connected to B see events relayed by A, exactly
// once. Then B becomes a worker too and 500 events are delivered, each exactly once, to the
// seed's Python receiver, with both processes taking part.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { io as ioClient, type Socket } from "socket.io-client";
import { EventSource, waitFor } from "../support/events";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { createTestDatabase } from "../support/pg";
import { SeedReceiver } from "../support/seed-receiver";
import { createTestToken } from "../support/tokens";
import { WsClient } from "../support/ws-client";

const SECRET = "cluster-receiver-secret-0123456789";

describe("two panel processes on one database", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Panel;
  let b: Panel;
  let events: EventSource;
  const withName = (url: string, name: string) => `${url}?application_name=${name}`;

  before(async () => {
    db = await createTestDatabase();
    a = await startPanel({ databaseUrl: withName(db.url, "panel-a"), env: { WEBHOOK_ALLOW_PRIVATE: "1" } });
    b = await startPanel({
      databaseUrl: withName(db.url, "panel-b"),
      env: { WEBHOOK_ALLOW_PRIVATE: "1", PANEL_WORKERS: "0", NEXTAUTH_SECRET: a.env.NEXTAUTH_SECRET },
    });
    events = await EventSource.open({ url: a.url, databaseUrl: db.url });
    await events.settled(); // the demo data's events are out of the way
  });
  after(async () => {
    await events?.close();
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  it("an event relayed by A reaches a dashboard and /ws connected to B, exactly once", async () => {
    const session = new SessionClient(b.url);
    assert.ok(await session.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const cookie = session.cookieList.map((c) => `${c.name}=${c.value}`).join("; ");
    const dashboard: Socket = ioClient(b.url, { path: "/socket.io/", transports: ["websocket"], extraHeaders: { cookie } });
    await new Promise<void>((resolve, reject) => {
      dashboard.once("connect", resolve);
      dashboard.once("connect_error", reject);
    });
    const seen: string[] = [];
    dashboard.on("vps.created", (m: { id: string; payload: { vps: { name: string } } }) => seen.push(m.payload.vps.name));

    const owner = await events.userId("client@ospab.local");
    const token = await createTestToken(events.db, owner, ["events:read"]);
    const wsB = await WsClient.connect(`${b.url.replace("http", "ws")}/ws?token=${token}`);
    const wsA = await WsClient.connect(`${a.url.replace("http", "ws")}/ws?token=${token}`);

    // Committed by A (its sync API), relayed by A: B has no relay.
    const names = Array.from({ length: 20 }, (_, i) => `cluster-${i}`);
    for (const n of names) await events.createVps(owner, n);

    await waitFor("dashboard on B", async () => seen.length >= names.length);
    await wsB.waitFor(() => wsB.events("vps.created").length >= names.length);
    await wsA.waitFor(() => wsA.events("vps.created").length >= names.length);
    await new Promise((r) => setTimeout(r, 1000)); // any duplicate would arrive by now
    const wsNames = (c: WsClient) => c.events("vps.created").map((e) => (e.payload as { vps: { name: string } }).vps.name);
    assert.deepEqual([...seen].sort(), [...names].sort());
    assert.deepEqual(wsNames(wsB).sort(), [...names].sort());
    assert.deepEqual(wsNames(wsA).sort(), [...names].sort());
    dashboard.close();
    wsA.close();
    wsB.close();
  });

  it("with workers in both processes, 500 events are each delivered exactly once", async () => {
    await b.kill();
    b.env.PANEL_WORKERS = "1";
    await b.restart();
    const rx = await SeedReceiver.start(SECRET);
    const admin = new SessionClient(a.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const res = await admin.fetch("/api/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "cluster", url: rx.url, event_type: "vps.created", secret: SECRET }),
    });
    assert.equal(res.status, 201);
    const hook = (await res.json()) as { id: number };

    // Which process made each attempt: every panel connection carries its process's
    // application_name, and a trigger (test-side, on this test database only) records it
    // for each attempt row as it is written. No sampling: every attempt is accounted for.
    await events.db.sql.query(`CREATE TABLE test_attempt_origin (attempt_id bigint PRIMARY KEY, app text NOT NULL)`);
    await events.db.sql.query(`CREATE FUNCTION test_record_attempt_origin() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN INSERT INTO test_attempt_origin VALUES (NEW.id, current_setting('application_name')); RETURN NEW; END $$`);
    await events.db.sql.query(`CREATE TRIGGER test_attempt_origin AFTER INSERT ON webhook_attempts FOR EACH ROW EXECUTE FUNCTION test_record_attempt_origin()`);

    const owner = await events.userId("client2@ospab.local");
    const viaA = await EventSource.open({ url: a.url, databaseUrl: db.url }, 1);
    const viaB = await EventSource.open({ url: b.url, databaseUrl: db.url }, 1);
    const N = 500;
    // Half the changes arrive at each process, as behind a load balancer.
    for (let i = 0; i < N; i += 10)
      await Promise.all(Array.from({ length: 10 }, (_, j) => (j % 2 ? viaB : viaA).createVps(owner, `bulk-${i + j}`)));
    await viaA.close();
    await viaB.close();

    await waitFor("500 deliveries", async () => (await rx.log()).length >= N, 120_000, 500);
    await new Promise((r) => setTimeout(r, 2000)); // a double would show up now

    const log = await rx.log();
    assert.equal(log.length, N, "no event delivered twice");
    assert.equal(new Set(log.map((r) => r.delivery)).size, N);
    assert.equal(new Set(log.map((r) => (r.payload.vps as { name: string }).name)).size, N);
    assert.ok(log.every((r) => r.seed_ok && r.raw_ok && r.standard_ok), "every delivery verifies");
    const [counts] = await events.db.sql.query<{ deliveries: number; success: number; attempts: number }>(
      `SELECT count(*)::int AS deliveries, count(*) FILTER (WHERE status = 'success')::int AS success,
              (SELECT count(*)::int FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.webhook_id = $1) AS attempts
         FROM webhook_deliveries WHERE webhook_id = $1`,
      [hook.id],
    );
    assert.deepEqual(counts, { deliveries: N, success: N, attempts: N });
    const origins = await events.db.sql.query<{ app: string; n: number }>(
      `SELECT o.app, count(*)::int AS n FROM test_attempt_origin o
         JOIN webhook_attempts a ON a.id = o.attempt_id JOIN webhook_deliveries d ON d.id = a.delivery_id
        WHERE d.webhook_id = $1 GROUP BY o.app ORDER BY o.app`,
      [hook.id],
    );
    assert.equal(origins.reduce((sum, o) => sum + o.n, 0), N, "every attempt was made by one of the two processes");
    assert.deepEqual(origins.map((o) => o.app), ["panel-a", "panel-b"], `both processes delivered: ${JSON.stringify(origins)}`);
    await rx.down();
  });
});
