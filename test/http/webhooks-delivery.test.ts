// Webhook delivery against real receivers: the seed's Python receiver (seed_receiver.py)
// verifies every delivery. Faults: receiver down then up, slower than the 15 s timeout,
// 500 twice then 200, Retry-After, 410, schedule exhausted, sustained failure, and the
// panel killed with SIGKILL mid-delivery.
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { EventSource, waitFor } from "../support/events";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { SeedReceiver, type ReceivedDelivery } from "../support/seed-receiver";

const SECRET = "seed-receiver-secret-0123456789";

interface Attempt {
  started_at: string;
  duration_ms: number;
  response_status: number | null;
  error: string | null;
}
interface Delivery {
  id: string;
  status: string;
  event_type: string;
  attempt_number: number;
  attempts: Attempt[];
}

function ctx(panel: () => Panel) {
  let admin: Promise<SessionClient> | undefined;
  const signIn = async () => {
    const s = new SessionClient(panel().url);
    assert.ok(await s.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    return s;
  };
  const api = async (path: string, init?: RequestInit) => {
    admin ??= signIn();
    const res = await (await admin).fetch(path, init);
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const post = (path: string, body?: unknown) =>
    api(path, { method: "POST", headers: body ? { "content-type": "application/json" } : {}, body: body ? JSON.stringify(body) : undefined });
  const createHook = async (receiver: SeedReceiver, eventType: string | string[] = "vps.created", name = "test hook") => {
    const r = await post("/api/webhooks", { name, url: receiver.url, event_type: eventType, secret: SECRET });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    created.push(r.body.id);
    return r.body as { id: number };
  };
  const deliveries = async (hookId: number): Promise<Delivery[]> => {
    const list = (await api(`/api/webhooks/${hookId}/deliveries?limit=200`)).body.items as { id: string }[];
    return Promise.all(list.map(async (d) => (await api(`/api/webhooks/${hookId}/deliveries/${d.id}`)).body as Delivery));
  };
  /** The single delivery of a hook once it reached `status`. */
  const settled = async (hookId: number, status: string, timeoutMs = 40_000) =>
    waitFor(`delivery ${status}`, async () => {
      const ds = await deliveries(hookId);
      return ds.length === 1 && ds[0].status === status && ds[0];
    }, timeoutMs, 250);
  const created: number[] = [];
  const deleteHooks = async () => {
    for (const id of created.splice(0)) await api(`/api/webhooks/${id}`, { method: "DELETE" });
  };
  return { api, post, createHook, deliveries, settled, deleteHooks };
}

const okEverywhere = (log: ReceivedDelivery[]) => {
  for (const r of log) {
    assert.equal(r.seed_ok, true, `seed signature check failed for ${r.delivery}`);
    assert.equal(r.raw_ok, true);
    assert.equal(r.standard_ok, true);
  }
};

// Sequential: every test's hook listens to the same event types, and is deleted after it.
describe("webhook delivery", () => {
  let panel: Panel;
  let events: EventSource;
  let owner: number;
  const c = ctx(() => panel);

  before(async () => {
    panel = await startPanel({
      env: {
        WEBHOOK_ALLOW_PRIVATE: "1",
        WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s,2s,3s",
        WEBHOOK_DISABLE_AFTER_FAILURES: "8",
        WEBHOOK_DISABLE_AFTER: "4s",
      },
    });
    events = await EventSource.open(panel);
    owner = await events.userId("client@ospab.local");
    await events.settled(); // the demo data's events are out of the way
  });
  afterEach(() => c.deleteHooks());
  after(async () => {
    await events?.close();
    await panel?.stop();
  });

  it("delivers a signed event the seed's receiver verifies (Cyrillic), then redelivers it on request", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      const hook = await c.createHook(rx, "vps.created");
      const vps = await events.createVps(owner, "Сервер «Тест» — ёжик 🚀");
      const d = await c.settled(hook.id, "success");
      const log = await rx.log();
      assert.equal(log.length, 1);
      okEverywhere(log);
      const r = log[0];
      assert.equal(r.event, "vps.created");
      assert.equal(r.x_webhook_id, String(hook.id));
      assert.equal(r.delivery, d.id);
      assert.equal(r.content_type, "application/json");
      assert.ok(Math.abs(Number(r.timestamp) - Date.now() / 1000) < 60);
      assert.equal((r.payload.vps as { name: string; id: number }).name, "Сервер «Тест» — ёжик 🚀");
      assert.equal((r.payload.vps as { id: number }).id, vps.id);
      assert.equal(d.attempts.length, 1);
      assert.equal(d.attempts[0].response_status, 200);

      const again = await c.post(`/api/webhooks/${hook.id}/deliveries/${d.id}/redeliver`);
      assert.equal(again.status, 200);
      await waitFor("redelivery", async () => (await rx.log()).length === 2);
      const log2 = await rx.log();
      okEverywhere(log2);
      assert.equal(log2[1].delivery, d.id, "same webhook-id: receivers can deduplicate");
      const after = await c.settled(hook.id, "success");
      assert.equal(after.attempts.length, 2);
    } finally {
      await rx.down();
    }
  });

  it("receiver down, then up: delivered after it returns", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      const hook = await c.createHook(rx, "vps.status_changed");
      await rx.down();
      const vps = await events.createVps(owner, "down-then-up");
      await events.setStatus(vps.id, "running");
      await waitFor("a refused attempt", async () => (await c.deliveries(hook.id))[0]?.attempts.some((a) => /ECONNREFUSED/.test(a.error ?? "")));
      await rx.up();
      const d = await c.settled(hook.id, "success");
      assert.ok(d.attempts.length >= 2);
      assert.equal(d.attempts[0].response_status, 200, "newest first");
      assert.ok(d.attempts.slice(1).every((a) => a.response_status === null && /ECONNREFUSED/.test(a.error!)));
      const log = await rx.log();
      assert.equal(log.length, 1);
      okEverywhere(log);
      assert.equal(log[0].event, "vps.status_changed");
      assert.equal((log[0].payload as { previous_status: string }).previous_status, "creating");
    } finally {
      await rx.down();
    }
  });

  it("a receiver slower than the 15 s timeout: the attempt times out and is retried", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: [{ delay: 17 }] });
      const hook = await c.createHook(rx, "vps.created");
      await events.createVps(owner, "slow-receiver");
      const d = await c.settled(hook.id, "success", 60_000);
      assert.equal(d.attempts.length, 2);
      const [second, first] = d.attempts;
      assert.match(first.error!, /timed out after 15000 ms/);
      assert.equal(first.response_status, null);
      // It waited the whole timeout (no upper bound: a loaded machine may take longer to notice).
      assert.ok(first.duration_ms >= 14_900, String(first.duration_ms));
      assert.equal(second.response_status, 200);
      const log = await rx.log();
      assert.equal(log.length, 2);
      assert.equal(log[0].delivery, log[1].delivery);
      okEverywhere(log);
    } finally {
      await rx.down();
    }
  });

  it("500 twice, then 200: three attempts on the schedule, one success", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: [{ status: 500 }, { status: 500 }] });
      const hook = await c.createHook(rx, "vps.created");
      await events.createVps(owner, "flaky-500");
      const d = await c.settled(hook.id, "success");
      assert.deepEqual(d.attempts.map((a) => a.response_status).reverse(), [500, 500, 200]);
      assert.equal(d.attempt_number, 3);
      const t = d.attempts.map((a) => Date.parse(a.started_at)).reverse();
      // 1 s then 1 s on the schedule, ±20% jitter.
      assert.ok(t[1] - t[0] >= 750 && t[2] - t[1] >= 750, JSON.stringify(t));
      okEverywhere(await rx.log());
    } finally {
      await rx.down();
    }
  });

  it("does not follow a redirect: a 3xx is a failed attempt", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: [{ status: 307 }] });
      const hook = await c.createHook(rx, "vps.created");
      await events.createVps(owner, "redirected");
      const d = await c.settled(hook.id, "success");
      const [second, first] = d.attempts;
      assert.equal(first.response_status, 307);
      assert.match(first.error!, /redirects are not followed/);
      assert.equal(second.response_status, 200);
      assert.equal((await rx.log()).filter((r) => r.path !== "/webhook").length, 0);
    } finally {
      await rx.down();
    }
  });

  it("honours Retry-After", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: [{ status: 503, retry_after: 3 }] });
      const hook = await c.createHook(rx, "vps.created");
      await events.createVps(owner, "retry-after");
      const d = await c.settled(hook.id, "success");
      const [second, first] = d.attempts;
      assert.equal(first.response_status, 503);
      const gap = Date.parse(second.started_at) - Date.parse(first.started_at);
      assert.ok(gap >= 2900, `waited ${gap} ms, schedule says 1 s, Retry-After 3 s`);
    } finally {
      await rx.down();
    }
  });

  it("410 Gone disables the webhook and emits webhook.disabled", async () => {
    const rx = await SeedReceiver.start(SECRET);
    const watcher = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: [{ status: 410 }] });
      const hook = await c.createHook(rx, "vps.created", "gone");
      await c.createHook(watcher, "webhook.disabled", "watcher");
      await events.createVps(owner, "gone-1");
      const d = await c.settled(hook.id, "failed");
      assert.equal(d.attempts.length, 1);
      assert.equal(d.attempts[0].response_status, 410);
      const w = (await c.api(`/api/webhooks/${hook.id}`)).body;
      assert.equal(w.is_active, false);
      assert.match(w.disabled_reason, /410/);
      const seen = await waitFor("webhook.disabled delivered", async () => (await watcher.log()).find((r) => (r.payload.webhook as { id: number })?.id === hook.id));
      assert.equal(seen.event, "webhook.disabled");
      assert.match(String(seen.payload.reason), /410/);
      okEverywhere(await watcher.log());
      // Disabled: later events are not sent.
      await events.createVps(owner, "gone-2");
      await new Promise((r) => setTimeout(r, 2500));
      assert.equal((await rx.log()).length, 1);
    } finally {
      await rx.down();
      await watcher.down();
    }
  });

  it("fails a delivery once the schedule is used up, then disables an endpoint failing for long", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: Array.from({ length: 50 }, () => ({ status: 500 })) });
      const hook = await c.createHook(rx, "vps.created", "always-500");
      await events.createVps(owner, "doomed-1");
      const d = await c.settled(hook.id, "failed", 30_000);
      assert.equal(d.attempts.length, 6, "1 attempt + 5 retries");
      assert.ok(d.attempts.every((a) => a.response_status === 500));
      assert.equal((await c.api(`/api/webhooks/${hook.id}`)).body.is_active, true, "6 failures < 8");
      // Two more failing deliveries push the streak past 8 failures over more than 4 s.
      await events.createVps(owner, "doomed-2");
      await events.createVps(owner, "doomed-3");
      const w = await waitFor("disabled", async () => {
        const x = (await c.api(`/api/webhooks/${hook.id}`)).body;
        return !x.is_active && x;
      }, 30_000, 250);
      assert.match(w.disabled_reason, /consecutive failed attempts/);
      const [ev] = await events.db.sql.query<{ payload: { webhook: { id: number } } }>(
        "SELECT payload FROM domain_events WHERE type = 'webhook.disabled' AND (payload->'webhook'->>'id')::int = $1",
        [hook.id],
      );
      assert.ok(ev, "webhook.disabled recorded");
      okEverywhere(await rx.log());
    } finally {
      await rx.down();
    }
  });

  it("test event, and secret rotation: new secret verifies, old one still signs for 24 h", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      const hook = await c.createHook(rx, "vps.created");
      const test = await c.post(`/api/webhooks/${hook.id}/test`);
      assert.equal(test.status, 200);
      assert.equal(test.body.event_type, "webhook.test");
      assert.equal(test.body.attempts[0].response_status, 200);
      const [t] = await rx.log();
      assert.equal(t.event, "webhook.test");
      assert.equal(t.seed_ok, true);

      const r0 = Date.now();
      const rot = await c.post(`/api/webhooks/${hook.id}/rotate-secret`);
      const r1 = Date.now();
      assert.equal(rot.status, 200);
      assert.match(rot.body.secret, /^[0-9a-f]{64}$/);
      const until = Date.parse(rot.body.webhook.previous_secret_valid_until);
      // 24 h from the rotation (made between r0 and r1).
      assert.ok(until - 24 * 3600e3 >= r0 - 1000 && until - 24 * 3600e3 <= r1 + 1000, rot.body.webhook.previous_secret_valid_until);
      const shown = JSON.stringify((await c.api(`/api/webhooks/${hook.id}`)).body);
      assert.ok(!shown.includes(rot.body.secret), "shown once only");

      await rx.control({ secret: rot.body.secret, previous_secret: SECRET, clear: true });
      await events.createVps(owner, "after-rotation");
      await waitFor("delivery after rotation", async () => (await rx.log()).length === 1);
      const [r] = await rx.log();
      assert.equal(r.seed_ok, true, "seed receiver verifies with the new secret");
      assert.equal(r.standard_ok, true);
      assert.equal(r.previous_ok, true, "old secret signs X-Webhook-Signature-Previous");
    } finally {
      await rx.down();
    }
  });
});

describe("webhook delivery survives SIGKILL of the panel mid-delivery", () => {
  let panel: Panel;
  let events: EventSource;
  const c = ctx(() => panel);

  before(async () => {
    panel = await startPanel({ env: { WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s" } });
    events = await EventSource.open(panel);
    await events.settled();
  });
  after(async () => {
    await events?.close();
    await panel?.stop();
  });

  it("is delivered after restart, with exactly one success recorded", async () => {
    const rx = await SeedReceiver.start(SECRET);
    try {
      await rx.control({ plan: [{ delay: 4 }] });
      const hook = await c.createHook(rx, "vps.created");
      await events.createVps(await events.userId("client@ospab.local"), "killed-mid-flight");
      await waitFor("the request in flight", async () => (await rx.log()).length === 1);
      await panel.kill("SIGKILL");
      await panel.restart();
      // The dead process's lease (30 s) expires, then the restarted worker retries.
      const d = await waitFor("delivered after restart", async () => {
        const rows = await events.db.sql.query<{ status: string; id: string }>(
          "SELECT status, id::text FROM webhook_deliveries WHERE webhook_id = $1",
          [hook.id],
        );
        return rows.length === 1 && rows[0].status === "success" && rows[0];
      }, 60_000, 250);
      const attempts = await events.db.sql.query<{ response_status: number | null }>(
        "SELECT response_status FROM webhook_attempts WHERE delivery_id = $1::bigint",
        [d.id],
      );
      assert.equal(attempts.filter((a) => a.response_status === 200).length, 1, "exactly one success recorded");
      const log = await rx.log();
      assert.equal(log.length, 2, "at-least-once: the interrupted request and the retry");
      assert.equal(log[0].delivery, log[1].delivery);
      okEverywhere(log);
    } finally {
      await rx.down();
    }
  });
});
