// GET /api/vps/sync as the main site reconciles after an outage: every VPS changed since a
// time, deleted ones included, a page at a time in a stable order, with clear errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPanel, type Panel } from "../support/panel";
import { get, post, sync, vpsSpec } from "../support/sync";

interface Change {
  id: number;
  name: string;
  status: string;
  updated_at: string;
  deleted_at: string | null;
  root_password?: unknown;
}

describe("sync API: reconciliation", () => {
  let panel: Panel;
  let owner: number;
  const changes = (params: Record<string, string>, key?: string | null) => get(panel.url, "/api/vps/sync", params, { key });

  /** Follows next_cursor to the end; returns every page. */
  async function pageThrough(params: Record<string, string>) {
    const pages: Change[][] = [];
    let cursor: string | null = null;
    do {
      const r = await changes(cursor ? { ...params, cursor } : params);
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(Object.keys(r.json).sort(), ["next_cursor", "vps"]);
      pages.push(r.json.vps);
      cursor = r.json.next_cursor;
      assert.ok(pages.length < 100, "runaway paging");
    } while (cursor);
    return pages;
  }

  before(async () => {
    panel = await startPanel({ demoData: false });
    owner = (await post(panel.url, "/api/users/sync", { email: "reconcile-owner@example.com" })).json.user.id;
  });
  after(async () => {
    await panel?.stop();
  });

  it("pages through 2,500 VPS with limit 1000 and sees every one exactly once, deleted ones with deleted_at", async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const ids: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      const items = Array.from({ length: 500 }, (_, i) => ({ action: "create", vps: vpsSpec({ user_id: owner, name: `rec-${batch}-${i}`, root_password: "secret-root-pw" }) }));
      const r = await sync(panel.url, { action: "batch", items });
      assert.equal(r.status, 200);
      for (const x of r.json.results) {
        assert.equal(x.status, 201);
        ids.push(x.vps.id);
      }
    }
    const deleted = ids.filter((_, i) => i % 10 === 3);
    const updated = ids.filter((_, i) => i % 10 === 7);
    for (const [action, list] of [["delete", deleted], ["update", updated]] as const) {
      const items = list.map((id) => ({ action, vps: action === "delete" ? { id } : { id, status: "running" } }));
      const r = await sync(panel.url, { action: "batch", items });
      assert.ok(r.json.results.every((x: { status: number }) => x.status === 200));
    }

    const pages = await pageThrough({ updated_since: since, limit: "1000" });
    assert.deepEqual(pages.map((p) => p.length), [1000, 1000, 500]);
    const seen = pages.flat();
    assert.equal(new Set(seen.map((v) => v.id)).size, seen.length, "no VPS twice");
    assert.deepEqual(seen.map((v) => v.id).sort((a, b) => a - b), ids.slice().sort((a, b) => a - b), "every VPS once");
    // Stable order: (updated_at, id) ascending.
    for (let i = 1; i < seen.length; i++) {
      const [p, c] = [seen[i - 1], seen[i]];
      assert.ok(p.updated_at < c.updated_at || (p.updated_at === c.updated_at && p.id < c.id), `order at ${i}`);
    }
    const byId = new Map(seen.map((v) => [v.id, v]));
    for (const id of deleted) assert.ok(byId.get(id)!.deleted_at, `deleted ${id} carries deleted_at`);
    for (const id of updated) assert.deepEqual([byId.get(id)!.status, byId.get(id)!.deleted_at], ["running", null]);
    assert.ok(seen.every((v) => !("root_password" in v)), "never the root password");
    assert.equal(seen.filter((v) => v.deleted_at).length, deleted.length);

    // updated_since narrows to what changed after it: only the updated ones were touched last.
    const lastDelete = seen.filter((v) => v.deleted_at).map((v) => v.updated_at).sort().at(-1)!;
    const after = new Date(Date.parse(lastDelete) + 1).toISOString();
    const later = (await pageThrough({ updated_since: after, limit: "1000" })).flat();
    assert.ok(later.length > 0 && later.length <= updated.length);
    assert.ok(later.every((v) => v.status === "running" && v.updated_at >= after));
  });

  it("a deleted VPS shows up with deleted_at after the delete; small pages end with next_cursor null", async () => {
    const id = (await sync(panel.url, { action: "create", vps: vpsSpec({ user_id: owner, name: "rec-single" }) })).json.vps.id;
    const mark = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await sync(panel.url, { action: "delete", vps: { id } })).status, 200);
    const pages = await pageThrough({ updated_since: mark, limit: "1" });
    assert.deepEqual(pages.flat().map((v) => [v.id, Boolean(v.deleted_at)]), [[id, true]]);
    // Default limit and no updated_since: everything from the start, 100 a page.
    const items = Array.from({ length: 101 }, (_, i) => ({ action: "create", vps: vpsSpec({ user_id: owner, name: `rec-default-${i}` }) }));
    assert.equal((await sync(panel.url, { action: "batch", items })).status, 200);
    const first = await changes({});
    assert.equal(first.status, 200);
    assert.equal(first.json.vps.length, 100);
    assert.equal(typeof first.json.next_cursor, "string");
    const end = await changes({ updated_since: new Date(Date.now() + 60_000).toISOString() });
    assert.deepEqual(end.json, { vps: [], next_cursor: null });
  });

  it("400 with a clear message for a bad updated_since, limit or cursor; 401 without the key", async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ updated_since: "yesterday" }, /updated_since must be an ISO 8601 time/],
      [{ updated_since: "2026-01-31T12:00:00" }, /with its zone/],
      [{ updated_since: "2026-13-45T00:00:00Z" }, /updated_since must be an ISO 8601 time/],
      [{ limit: "0" }, /limit must be a whole number from 1 to 1000/],
      [{ limit: "1001" }, /limit must be a whole number from 1 to 1000/],
      [{ limit: "ten" }, /limit must be a whole number from 1 to 1000/],
      [{ cursor: "not-a-cursor" }, /cursor is not one this endpoint issued/],
      [{ cursor: Buffer.from(JSON.stringify(["2026-01-01T00:00:00.000Z", -1])).toString("base64url") }, /cursor is not one this endpoint issued/],
      [{ cursor: "%%%" }, /cursor is not one this endpoint issued/],
    ];
    for (const [params, message] of cases) {
      const r = await changes(params);
      assert.equal(r.status, 400, JSON.stringify(params));
      assert.equal(r.json.status, "error");
      assert.match(r.json.message, message);
    }
    // An unencoded + in the offset arrives as a space; it is read as the + it was.
    const plus = await get(panel.url, `/api/vps/sync?updated_since=2026-01-31T12:00:00+03:00`);
    assert.equal(plus.status, 200, plus.text);
    const anon = await changes({}, null);
    assert.equal(anon.status, 401);
    assert.equal(anon.json.message, "Invalid or missing API key");
  });
});
