// Alert evaluation on both engines (lib/alerts/evaluate.ts, docs/alerts.md):
// - a rule fires once when every sample of its window is beyond the threshold and the data
//   covers the window, and resolves once at the first sample back inside (a scenario told
//   minute by minute here);
// - pseudo-random series stepped minute by minute give exactly the states and the fire and
//   resolve counts a computation done here gets from the same samples;
// - a rule for all of a user's VPS covers one created later, not another user's;
// - notifications follow the rule's channels and the user's preferences; webhooks get an
//   alert only when its channels name "webhook"; the recipient's socket signal is in the outbox.
// On PostgreSQL: two evaluators on separate connections, run together many times, fire and
// resolve exactly once — with the advisory lock, and without it (the state swaps alone).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, beforeEach, describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-0123456789abcdef";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "ospab-int-"));

const { migrate } = await import("../../lib/migrate");
const { openDatabase } = await import("../../lib/db");
const { writeSamples } = await import("../../lib/metrics/ingest-samples");
const { evaluateAlerts, FRESH_MS, COVER_MS } = await import("../../lib/alerts/evaluate");
const { fanOutEvents } = await import("../../lib/webhooks/fan-out");
const { engines } = await import("../support/engines");
const { createTestDatabase } = await import("../support/pg");
type Database = Awaited<ReturnType<typeof openDatabase>>;

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 3, 10, 0, 0);

type Metric = "cpu_percent" | "ram_used_mb" | "net_rx_bps";
const COLUMN = { cpu_percent: "cpu", ram_used_mb: "ram", net_rx_bps: "netRx" } as const;

function row(vpsId: number, atMs: number, values: Partial<Record<Metric, number | null>>) {
  const r = { vpsId, atMs, cpu: null as number | null, ram: null as number | null, diskRead: null, diskWrite: null, netRx: null as number | null, netTx: null };
  for (const [m, v] of Object.entries(values)) r[COLUMN[m as Metric]] = v ?? null;
  return r;
}

interface RuleSpec {
  metric: Metric;
  op: ">" | "<";
  threshold: number;
  forMinutes: number;
}

/** docs/alerts.md's semantics, computed here from the samples (values as float4, as stored). */
function expectedState(samples: { at: number; v: number | null }[], r: RuleSpec, now: number): "ok" | "pending" | "firing" {
  const known = samples.filter((s) => s.at <= now && s.v !== null);
  const last = known[known.length - 1];
  // The window ends at the newest sample at most FRESH_MS old; none: ok.
  if (!last || last.at < now - FRESH_MS) return "ok";
  const w = known.filter((s) => s.at > last.at - r.forMinutes * MIN);
  const beyond = (v: number) => (r.op === ">" ? Math.fround(v) > r.threshold : Math.fround(v) < r.threshold);
  if (w.every((s) => beyond(s.v!)) && w[0]!.at <= last.at - r.forMinutes * MIN + COVER_MS) return "firing";
  return beyond(last.v!) ? "pending" : "ok";
}

async function makeUser(db: Database, email: string, prefs: { notifyPanel?: boolean; notifyEmail?: boolean } = {}) {
  return (await db.prisma.user.create({ data: { email, passwordHash: "x", ...prefs } })).id;
}
async function makeVps(db: Database, userId: number, name: string) {
  return (await db.prisma.vps.create({ data: { userId, name, cpu: 2, ramMb: 2048, diskGb: 20, os: "debian-12" } })).id;
}
async function makeRule(db: Database, userId: number, vpsId: number | null, r: RuleSpec, channels = ["panel"]) {
  return (await db.prisma.alertRule.create({ data: { userId, vpsId, metric: r.metric, op: r.op, threshold: r.threshold, forMinutes: r.forMinutes, channels } })).id;
}
async function events(db: Database, type: string, ruleId?: number) {
  const rows = await db.prisma.domainEvent.findMany({ where: { type }, orderBy: { id: "asc" } });
  return rows.filter((e) => ruleId === undefined || (e.payload as { rule_id?: number }).rule_id === ruleId);
}
async function reset(db: Database) {
  await db.sql.exec("DELETE FROM alert_rules; DELETE FROM notifications; DELETE FROM domain_events; DELETE FROM vps_metric_samples; DELETE FROM webhook_deliveries; DELETE FROM webhooks");
}

for (const [engine, open] of engines("ospab_alerts", 4)) {
  describe(`alert evaluation on ${engine}`, () => {
    let db: Database;
    let drop = async () => {};
    let owner: number;
    let vpsA: number;
    let vpsB: number;

    before(async () => {
      ({ db, drop } = await open());
      await migrate(db);
      owner = await makeUser(db, `alerts-${engine}@example.com`);
      vpsA = await makeVps(db, owner, "web-1");
      vpsB = await makeVps(db, owner, "db-1");
    });
    after(async () => drop());
    beforeEach(async () => reset(db));

    it("fires once after for_minutes of samples beyond the threshold and resolves once at the first sample back inside", async () => {
      const rule = await makeRule(db, owner, vpsA, { metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 5 }, ["panel", "email"]);
      // 10:00..10:04 at 20 %, 10:05..10:14 at 95 %, 10:15.. at 30 %; evaluated 10 s after each sample.
      const cpu = (i: number) => (i < 5 ? 20 : i < 15 ? 95 : 30);
      const seen: string[] = [];
      for (let i = 0; i < 20; i++) {
        await writeSamples(db.prisma, [row(vpsA, T0 + i * MIN, { cpu_percent: cpu(i) })]);
        const pass = await evaluateAlerts(db.prisma, { now: T0 + i * MIN + 10_000, emailAvailable: true });
        assert.equal(pass.ran, true);
        const state = await db.prisma.alertState.findUnique({ where: { ruleId_vpsId: { ruleId: rule, vpsId: vpsA } } });
        seen.push(`${i}:${state?.state ?? "none"}`);
      }
      // Beyond from 10:05; the window (10:04, 10:09] of the newest sample holds only beyond samples from 10:09:10.
      assert.deepEqual(seen, [
        "0:none", "1:none", "2:none", "3:none", "4:none",
        "5:pending", "6:pending", "7:pending", "8:pending", "9:firing", "10:firing", "11:firing", "12:firing", "13:firing", "14:firing",
        "15:ok", "16:ok", "17:ok", "18:ok", "19:ok",
      ]);
      const fired = await events(db, "vps.alert", rule);
      const resolved = await events(db, "vps.alert_resolved", rule);
      assert.equal(fired.length, 1);
      assert.equal(resolved.length, 1);
      assert.deepEqual(fired[0]!.payload, {
        rule_id: rule, vps_id: vpsA, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 5, value: 95,
        channels: ["panel", "email"], fired_at: new Date(T0 + 9 * MIN + 10_000).toISOString(),
      });
      assert.equal(fired[0]!.userId, owner);
      assert.equal(fired[0]!.vpsId, vpsA);
      assert.deepEqual(resolved[0]!.payload, {
        rule_id: rule, vps_id: vpsA, metric: "cpu_percent", op: ">", threshold: 80, for_minutes: 5, value: 30,
        channels: ["panel", "email"], fired_at: new Date(T0 + 9 * MIN + 10_000).toISOString(), resolved_at: new Date(T0 + 15 * MIN + 10_000).toISOString(),
      });
      const notes = await db.prisma.notification.findMany({ orderBy: { id: "asc" } });
      assert.deepEqual(notes.map((n) => [n.kind, n.userId, n.vpsId, n.ruleId, n.inPanel, n.emailStatus]), [
        ["alert.fired", owner, vpsA, rule, true, "pending"],
        ["alert.resolved", owner, vpsA, rule, true, "pending"],
      ]);
      assert.equal((notes[0]!.params as { vps_name?: string }).vps_name, "web-1");
      assert.equal(notes[0]!.dedupeKey, `alert:${rule}:${vpsA}:${T0 + 9 * MIN + 10_000}:fired`);
      // The recipient's sockets are told through the outbox: one signal per notification, with the unread count.
      const signals = await db.prisma.domainEvent.findMany({ where: { type: "notification" }, orderBy: { id: "asc" } });
      assert.deepEqual(signals.map((s) => [s.userId, s.vpsId, (s.payload as { unread: number }).unread]), [[owner, null, 1], [owner, null, 2]]);
      assert.equal((signals[0]!.payload as { notification: { id: string } }).notification.id, notes[0]!.id.toString());
    });

    it("samples that arrive late or in batches: fires once the samples cover the duration, resolves once", async () => {
      // vpsA: a sample stamped minute M is posted at M + 50 s (as the reference main site may);
      // vpsB: three minutes of samples are posted together every 3 minutes, 5 s after the third.
      // The workers pass every 20 s. CPU 90 % at minutes 0..9 (vpsA) / 0..5 (vpsB), then low.
      const r1 = await makeRule(db, owner, vpsA, { metric: "cpu_percent", op: ">", threshold: 1, forMinutes: 1 });
      const r5 = await makeRule(db, owner, vpsA, { metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 5 });
      const rB = await makeRule(db, owner, vpsB, { metric: "cpu_percent", op: ">", threshold: 80, forMinutes: 2 });
      const posts: { arrives: number; vps: number; at: number; cpu: number }[] = [];
      for (let m = 0; m < 16; m++) {
        posts.push({ arrives: T0 + m * MIN + 50_000, vps: vpsA, at: T0 + m * MIN, cpu: m < 10 ? 90 : 0.5 });
        posts.push({ arrives: T0 + (Math.floor(m / 3) * 3 + 3) * MIN + 5_000, vps: vpsB, at: T0 + m * MIN, cpu: m < 6 ? 90 : 10 });
      }
      let posted = 0;
      posts.sort((a, b) => a.arrives - b.arrives);
      for (let now = T0; now <= T0 + 15 * MIN; now += 20_000) {
        const due = posts.slice(posted).filter((p) => p.arrives <= now);
        if (due.length) await writeSamples(db.prisma, due.map((p) => row(p.vps, p.at, { cpu_percent: p.cpu })));
        posted += due.length;
        await evaluateAlerts(db.prisma, { now, emailAvailable: false });
      }
      const name = new Map([[r1, "A 1 min"], [r5, "A 5 min"], [rB, "B 2 min, batches"]]);
      const got = [...(await events(db, "vps.alert")), ...(await events(db, "vps.alert_resolved"))].map((e) => {
        const p = e.payload as { rule_id: number; fired_at: string; resolved_at?: string };
        return [name.get(p.rule_id), p.resolved_at ? "resolved" : "fired", ((Date.parse(p.resolved_at ?? p.fired_at) - T0) / 1000)] as const;
      });
      got.sort((a, b) => a[2] - b[2] || String(a[0]).localeCompare(String(b[0])));
      assert.deepEqual(got, [
        ["A 1 min", "fired", 60], // the first sample (10:00) arrived at 10:00:50
        ["B 2 min, batches", "fired", 200], // 10:00..10:02 arrived at 10:03:05
        ["A 5 min", "fired", 300], // 10:00..10:04 all beyond once 10:04 arrived (10:04:50)
        ["B 2 min, batches", "resolved", 560], // 10:06..10:08 (10 %) arrived at 10:09:05
        ["A 1 min", "resolved", 660], // 10:10 (0.5 %) arrived at 10:10:50
        ["A 5 min", "resolved", 660],
      ]);
    });

    it("matches, minute by minute, the states and fire/resolve counts computed here from pseudo-random series", async () => {
      let x = 11;
      const rnd = () => (x = (x * 48271) % 2147483647) / 2147483647;
      const specs: [number, RuleSpec][] = [
        [vpsA, { metric: "cpu_percent", op: ">", threshold: 60, forMinutes: 3 }],
        [vpsA, { metric: "cpu_percent", op: "<", threshold: 30, forMinutes: 2 }],
        [vpsB, { metric: "ram_used_mb", op: ">", threshold: 1500, forMinutes: 4 }],
        [vpsB, { metric: "net_rx_bps", op: ">", threshold: 1e6, forMinutes: 1 }],
      ];
      const rules = await Promise.all(specs.map(([vps, r]) => makeRule(db, owner, vps, r)));
      const samples = new Map<number, Record<Metric, { at: number; v: number | null }[]>>([
        [vpsA, { cpu_percent: [], ram_used_mb: [], net_rx_bps: [] }],
        [vpsB, { cpu_percent: [], ram_used_mb: [], net_rx_bps: [] }],
      ]);
      const expectedCounts = rules.map(() => ({ fired: 0, resolved: 0 }));
      const prevState = rules.map(() => "ok");
      let regime = 0;
      for (let i = 0; i < 90; i++) {
        if (rnd() < 0.15) regime = 1 - regime;
        const at = T0 + i * MIN + Math.round(rnd() * 20_000);
        // A pause of 7 minutes (no samples) in the middle: stale data resolves.
        if (i >= 50 && i < 57) {
          /* no samples */
        } else {
          for (const vps of [vpsA, vpsB]) {
            const values = {
              cpu_percent: i % 13 === 7 ? null : Math.round((regime ? 50 + rnd() * 50 : rnd() * 70) * 100) / 100,
              ram_used_mb: 1000 + Math.round(rnd() * 400) + (regime ? 300 : 0),
              net_rx_bps: Math.round(rnd() * (regime ? 3e6 : 1.2e6)),
            };
            await writeSamples(db.prisma, [row(vps, at, values)]);
            for (const m of Object.keys(values) as Metric[]) samples.get(vps)![m].push({ at, v: values[m] });
          }
        }
        const now = T0 + i * MIN + 25_000;
        await evaluateAlerts(db.prisma, { now, emailAvailable: false });
        const states = await db.prisma.alertState.findMany();
        for (const [k, [vps, spec]] of specs.entries()) {
          const want = expectedState(samples.get(vps)![spec.metric], spec, now);
          const got = states.find((s) => s.ruleId === rules[k] && s.vpsId === vps)?.state ?? "ok";
          assert.equal(got, want, `minute ${i}, rule ${k}`);
          if (want === "firing" && prevState[k] !== "firing") expectedCounts[k]!.fired++;
          if (want !== "firing" && prevState[k] === "firing") expectedCounts[k]!.resolved++;
          prevState[k] = want;
        }
      }
      for (const [k, rule] of rules.entries()) {
        assert.equal((await events(db, "vps.alert", rule)).length, expectedCounts[k]!.fired, `rule ${k} fired`);
        assert.equal((await events(db, "vps.alert_resolved", rule)).length, expectedCounts[k]!.resolved, `rule ${k} resolved`);
      }
      assert.ok(expectedCounts.reduce((a, c) => a + c.fired, 0) >= 4, "the series should fire the rules several times");
    });

    it("a rule for all of a user's VPS covers one created later, and never another user's VPS", async () => {
      const other = await makeUser(db, `alerts-other-${engine}-${Date.now()}@example.com`);
      const foreign = await makeVps(db, other, "foreign");
      const rule = await makeRule(db, owner, null, { metric: "cpu_percent", op: ">", threshold: 50, forMinutes: 1 }, ["webhook"]);
      const later = await makeVps(db, owner, "later");
      for (const vps of [vpsA, later, foreign]) await writeSamples(db.prisma, [row(vps, T0, { cpu_percent: 99 })]);
      const pass = await evaluateAlerts(db.prisma, { now: T0 + 10_000 });
      assert.deepEqual(pass, { ran: true, fired: 2, resolved: 0 });
      const fired = await events(db, "vps.alert", rule);
      assert.deepEqual(fired.map((e) => e.vpsId).sort(), [vpsA, later].sort());
      // Webhook-only rule: no notification row at all.
      assert.equal(await db.prisma.notification.count(), 0);
      await db.prisma.vps.update({ where: { id: later }, data: { deletedAt: new Date() } });
      // A deleted VPS's firing alert resolves (the rule no longer covers it); vpsA keeps firing.
      await writeSamples(db.prisma, [row(vpsA, T0 + MIN, { cpu_percent: 99 })]);
      assert.deepEqual(await evaluateAlerts(db.prisma, { now: T0 + MIN + 10_000 }), { ran: true, fired: 0, resolved: 1 });
      assert.deepEqual((await events(db, "vps.alert_resolved", rule)).map((e) => e.vpsId), [later]);
    });

    it("deleting a firing rule resolves its alerts once, in the same transaction", async () => {
      const { deleteAlertRule } = await import("../../lib/alerts/alert-rules");
      const rule = await makeRule(db, owner, null, { metric: "cpu_percent", op: ">", threshold: 50, forMinutes: 1 }, ["panel"]);
      await writeSamples(db.prisma, [row(vpsA, T0, { cpu_percent: 99 }), row(vpsB, T0, { cpu_percent: 10 })]);
      assert.deepEqual(await evaluateAlerts(db.prisma, { now: T0 + 10_000 }), { ran: true, fired: 1, resolved: 0 });
      await deleteAlertRule(db.prisma, { userId: owner, role: "client" }, rule, undefined, { emailAvailable: false, now: new Date(T0 + 20_000) });
      const resolved = await events(db, "vps.alert_resolved", rule);
      assert.deepEqual(resolved.map((e) => [e.vpsId, (e.payload as { resolved_at: string }).resolved_at]), [[vpsA, new Date(T0 + 20_000).toISOString()]]);
      assert.deepEqual((await db.prisma.notification.findMany({ orderBy: { id: "asc" } })).map((n) => n.kind), ["alert.fired", "alert.resolved"]);
      assert.equal(await db.prisma.alertState.count(), 0);
      assert.deepEqual(await evaluateAlerts(db.prisma, { now: T0 + 30_000 }), { ran: true, fired: 0, resolved: 0 });
    });

    it("notifications follow channels and preferences; webhooks get an alert only when its channels name webhook", async () => {
      const quiet = await makeUser(db, `alerts-quiet-${engine}-${Date.now()}@example.com`, { notifyPanel: false, notifyEmail: true });
      const qVps = await makeVps(db, quiet, "quiet");
      await db.prisma.webhook.create({ data: { name: "all", url: "https://hooks.example.com/x", eventTypes: ["*"] } });
      const spec: RuleSpec = { metric: "cpu_percent", op: ">", threshold: 50, forMinutes: 1 };
      const panelOnly = await makeRule(db, owner, vpsA, spec, ["panel"]);
      const hooked = await makeRule(db, owner, vpsB, spec, ["email", "webhook"]);
      const quietRule = await makeRule(db, quiet, qVps, spec, ["panel", "email"]);
      for (const vps of [vpsA, vpsB, qVps]) await writeSamples(db.prisma, [row(vps, T0, { cpu_percent: 70 })]);
      await evaluateAlerts(db.prisma, { now: T0 + 10_000, emailAvailable: false });
      const notes = await db.prisma.notification.findMany({ orderBy: { ruleId: "asc" } });
      assert.deepEqual(notes.map((n) => [n.ruleId, n.inPanel, n.emailStatus]), [
        [panelOnly, true, null],
        [hooked, false, "off"],
        [quietRule, false, "off"],
      ]);
      // Only the in-panel one signals its recipient's sockets.
      const signals = await db.prisma.domainEvent.findMany({ where: { type: "notification" } });
      assert.deepEqual(signals.map((s) => s.userId), [owner]);
      await fanOutEvents(db);
      const deliveries = await db.prisma.webhookDelivery.findMany();
      assert.deepEqual(deliveries.map((d) => [d.eventType, JSON.parse(d.body).rule_id]), [["vps.alert", hooked]]);
    });
  });
}

describe("exactly once across processes (PostgreSQL, two connections)", () => {
  let a: Database;
  let b: Database;
  let dropDb = async () => {};

  before(async () => {
    const t = await createTestDatabase("ospab_alerts_race");
    a = await openDatabase({ databaseUrl: t.url, poolSize: 3 });
    b = await openDatabase({ databaseUrl: t.url, poolSize: 3 });
    await migrate(a);
    dropDb = async () => {
      await a.close();
      await b.close();
      await t.drop();
    };
  });
  after(async () => dropDb());

  for (const lock of [true, false]) {
    it(`two evaluators run together 40 times fire and resolve each episode once (${lock ? "advisory lock" : "state swaps alone"})`, async () => {
      await reset(a);
      const user = await makeUser(a, `race-${lock}-${Date.now()}@example.com`);
      const vpsIds = [await makeVps(a, user, "r1"), await makeVps(a, user, "r2"), await makeVps(a, user, "r3")];
      const rule = await makeRule(a, user, null, { metric: "cpu_percent", op: ">", threshold: 50, forMinutes: 1 }, ["panel"]);
      const ROUNDS = 40;
      for (let i = 0; i < ROUNDS; i++) {
        const at = T0 + i * MIN;
        await writeSamples(a.prisma, vpsIds.map((v) => row(v, at, { cpu_percent: i % 2 === 0 ? 90 : 10 })));
        const now = at + 10_000;
        const [pa, pb] = await Promise.all([evaluateAlerts(a.prisma, { now, lock }), evaluateAlerts(b.prisma, { now, lock })]);
        const moved = pa.fired + pb.fired + pa.resolved + pb.resolved;
        assert.equal(moved, vpsIds.length, `round ${i}: ${JSON.stringify([pa, pb])}`);
      }
      const fired = await events(a, "vps.alert", rule);
      const resolved = await events(a, "vps.alert_resolved", rule);
      assert.equal(fired.length, (ROUNDS / 2) * vpsIds.length);
      assert.equal(resolved.length, (ROUNDS / 2) * vpsIds.length);
      assert.equal(await a.prisma.notification.count({ where: { userId: user } }), ROUNDS * vpsIds.length);
      const signals = await a.prisma.domainEvent.count({ where: { type: "notification", userId: user } });
      assert.equal(signals, ROUNDS * vpsIds.length);
    });
  }
});
