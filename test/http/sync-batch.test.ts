// POST /api/vps/sync {"action":"batch"} as the main site meets it after a hypervisor
// cluster restart: many changes in one request, each answered in its place, one bad item
// never rejecting the others, and one Idempotency-Key covering the whole batch.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPanel, type Panel } from "../support/panel";
import { post, query, sync, vpsSpec } from "../support/sync";

describe("sync API: batch", () => {
  let panel: Panel;
  let owner: number;
  const count = async (sql: string, params: unknown[] = []) => (await query<{ n: number }>(panel.databaseUrl, sql, params))[0].n;
  const create = async (name: string) => (await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name }) })).json.vps.id as number;

  before(async () => {
    panel = await startPanel({ demoData: false });
    owner = (await post(panel.url, "/api/users/sync", { email: "batch-owner@example.com" })).json.user.id;
  });
  after(async () => {
    await panel?.stop();
  });

  it("applies each item on its own and answers every one in item order; bad items change nothing", async () => {
    const [a, b, gone] = [await create("batch-a"), await create("batch-b"), await create("batch-gone")];
    const items = [
      { action: "update", vps: { id: a, status: "running", ip_address: "203.0.113.10" } },
      { action: "update", vps: { id: 987_654, status: "running" } },
      { action: "create", vps: vpsSpec({ user_id: owner, name: "batch-new", ram: 8 }) },
      { action: "create", vps: vpsSpec({ user_id: String(owner), name: "batch-new", ram: "4096", order_id: null }) },
      { action: "delete", vps: { id: gone } },
      { action: "delete", vps: { id: gone } },
      { action: "create", vps: vpsSpec({ user_id: 999_999, name: "batch-nobody" }) },
      "not an object",
      { action: "batch", items: [] },
      { action: "update", vps: { id: String(b), status: "stopped" } },
      { action: "update", vps: { id: b, status: "suspended" } },
    ];
    const r = await sync(panel.url, { action: "batch", items });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.status, "success");
    const results = r.json.results as { status: number; message?: string; vps?: { id: number; status: string; ram: number; deleted_at?: string } }[];
    assert.equal(results.length, items.length);
    assert.deepEqual(
      results.map((x) => x.status),
      [200, 404, 400, 201, 200, 200, 422, 400, 400, 200, 200],
    );
    assert.deepEqual([results[0].vps!.id, results[0].vps!.status], [a, "running"]);
    assert.equal(results[1].message, "VPS 987654 not found");
    assert.match(results[2].message!, /8 looks like GB — send 8192/);
    assert.equal(results[3].vps!.ram, 4096);
    assert.ok(results[4].vps!.deleted_at);
    assert.equal(results[5].message, "VPS already deleted");
    assert.match(results[6].message!, /Unknown user_id 999999/);
    assert.match(results[7].message!, /JSON object/);
    assert.equal(results[8].message, "A batch item cannot be another batch");
    assert.deepEqual([results[9].vps!.status, results[10].vps!.status], ["stopped", "suspended"], "two changes of one VPS apply in order");

    const rows = await query<{ id: number; status: string; deleted: boolean }>(
      panel.databaseUrl,
      "SELECT id, status::text, deleted_at IS NOT NULL AS deleted FROM vps WHERE id = ANY($1) ORDER BY id",
      [[a, b, gone]],
    );
    assert.deepEqual(rows.map((x) => [x.id, x.status, x.deleted]), [[a, "running", false], [b, "suspended", false], [gone, "creating", true]]);
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'batch-new'"), 1, "the bad create wrote nothing, the good one once");
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'batch-nobody'"), 0);
    // Each accepted change wrote its domain event, as a single call does.
    assert.equal(await count("SELECT count(*)::int AS n FROM domain_events WHERE vps_id = $1 AND type = 'vps.deleted'", [gone]), 1, "the repeated delete wrote no second event");
    assert.equal(await count("SELECT count(*)::int AS n FROM domain_events WHERE vps_id = $1 AND type = 'vps.status_changed'", [b]), 2);
  });

  it("a replay with the same Idempotency-Key returns the same results and changes nothing", async () => {
    const id = await create("batch-replay");
    const body = {
      action: "batch",
      items: [
        { action: "create", vps: vpsSpec({ user_id: owner, name: "batch-replay-new-1" }) },
        { action: "create", vps: vpsSpec({ user_id: owner, name: "batch-replay-new-2" }) },
        { action: "update", vps: { id, status: "running" } },
        { action: "update", vps: { id: 876_543, status: "running" } },
      ],
    };
    const first = await sync(panel.url, body, { idempotencyKey: "cluster-restart-42" });
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json.results.map((x: { status: number }) => x.status), [201, 201, 200, 404]);
    const eventsBefore = await count("SELECT count(*)::int AS n FROM domain_events");

    const replay = await sync(panel.url, body, { idempotencyKey: "cluster-restart-42" });
    assert.equal(replay.status, 200);
    assert.equal(replay.headers.get("idempotent-replayed"), "true");
    assert.equal(replay.text, first.text, "byte for byte");
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name LIKE 'batch-replay-new-%'"), 2);
    assert.equal(await count("SELECT count(*)::int AS n FROM domain_events"), eventsBefore);

    const other = await sync(panel.url, { ...body, items: body.items.slice(1) }, { idempotencyKey: "cluster-restart-42" });
    assert.equal(other.status, 422);
    assert.equal(other.json.message, "Idempotency-Key was already used with a different request body");

    // The same items under a fresh key: the creates are new VPS (deliberate), not replays.
    const fresh = await sync(panel.url, body, { idempotencyKey: "cluster-restart-43" });
    assert.deepEqual(fresh.json.results.map((x: { status: number }) => x.status), [201, 201, 200, 404]);
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name LIKE 'batch-replay-new-%'"), 4);
  });

  it("without a key, a retried batch makes no twins (the creates' natural key)", async () => {
    const body = { action: "batch", items: [{ action: "create", vps: vpsSpec({ user_id: owner, name: "batch-natural" }) }] };
    const first = await sync(panel.url, body);
    const again = await sync(panel.url, body);
    assert.equal(first.json.results[0].status, 201);
    assert.equal(again.json.results[0].status, 200);
    assert.equal(again.json.results[0].vps.id, first.json.results[0].vps.id);
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name = 'batch-natural'"), 1);
  });

  it("500 items of full-size records fit; 0 or 501 items, or no items array, are refused whole with 400", async () => {
    const big = Array.from({ length: 500 }, (_, i) => ({
      action: "create",
      vps: vpsSpec({ user_id: owner, name: `batch-full-${i}-${"н".repeat(200)}`, os: "Д".repeat(255), root_password: "p".repeat(256), ip_address: "2001:db8::1", order_id: null }),
    }));
    const r = await sync(panel.url, { action: "batch", items: big });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.ok(r.json.results.every((x: { status: number }) => x.status === 201));
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE name LIKE 'batch-full-%'"), 500);

    const before = await count("SELECT count(*)::int AS n FROM vps");
    const cases: [unknown, RegExp][] = [
      [{ action: "batch" }, /Missing required fields: items/],
      [{ action: "batch", items: {} }, /items must be an array/],
      [{ action: "batch", items: [] }, /items must not be empty/],
      [{ action: "batch", items: Array.from({ length: 501 }, () => ({ action: "create", vps: vpsSpec({ user_id: owner }) })) }, /at most 500 changes \(got 501\)/],
    ];
    for (const [body, message] of cases) {
      const res = await sync(panel.url, body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
      assert.match(res.json.message, message);
    }
    assert.equal(await count("SELECT count(*)::int AS n FROM vps"), before);
  });

  it("401 without the key; nothing applied", async () => {
    const id = await create("batch-auth");
    const r = await sync(panel.url, { action: "batch", items: [{ action: "delete", vps: { id } }] }, { key: "wrong-key-wrong-key-wrong-key-wrong" });
    assert.equal(r.status, 401);
    assert.equal(await count("SELECT count(*)::int AS n FROM vps WHERE id = $1 AND deleted_at IS NULL", [id]), 1);
  });
});
