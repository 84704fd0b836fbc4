// Notification email against a real SMTP server (test/support/smtp_sink.py, Debian's
// python3-aiosmtpd) on PostgreSQL: a pending notification arrives in the recipient's
// language with the right subject, text, HTML and link; a server that refuses is retried
// with backoff and the email then sent once; one used up is "failed"; two processes
// sending at once send each email once; without SMTP_URL waiting emails become "off"; the
// SMTP password appears in no log line and no stored error.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { openDatabase, type Database } from "../../lib/db";
import { runMailPass, type MailPolicy } from "../../lib/mail/send-notification-emails";
import { createMailTransport } from "../../lib/mail/transport";
import { migrate } from "../../lib/migrate";
import { createTestDatabase } from "../support/pg";
import { SmtpSink } from "../support/smtp";

const AUTH = { user: "panel-mailer", password: "smtp-secret-Pa55word" };
const BASE = "https://panel.example.test";

describe("notification email (SMTP)", () => {
  let server: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Database;
  let b: Database;
  let ivan: number;
  let jane: number;
  const sinks: SmtpSink[] = [];
  const policies: MailPolicy[] = [];

  async function sink(failFirst = 0) {
    const s = await SmtpSink.start({ auth: AUTH, failFirst });
    sinks.push(s);
    return s;
  }
  function policy(s: SmtpSink, schedule = [50, 50, 50]): MailPolicy {
    const url = s.url(AUTH);
    const p = { transport: createMailTransport(url, "ospab-panel <alerts@panel.example.test>"), smtpUrl: url, baseUrl: BASE, schedule };
    policies.push(p);
    return p;
  }
  const fired = (userId: number, vpsName: string, extra: Record<string, unknown> = {}) =>
    a.prisma.notification.create({
      data: {
        userId,
        kind: "alert.fired",
        vpsId: 42,
        ruleId: null,
        params: { metric: "cpu_percent", op: ">", threshold: 90, for_minutes: 5, value: 97.5, vps_name: vpsName },
        dedupeKey: `test:${vpsName}:${Math.random()}`,
        emailStatus: "pending",
        createdAt: new Date("2026-12-03T09:30:00Z"),
        ...extra,
      },
    });
  const row = (id: bigint) => a.prisma.notification.findUniqueOrThrow({ where: { id } });
  /** Console output while `fn` runs (the panel's log lines go there). */
  async function captureLogs(fn: () => Promise<unknown>) {
    const lines: string[] = [];
    const orig = { log: console.log, error: console.error };
    console.log = (...x: unknown[]) => void lines.push(x.join(" "));
    console.error = (...x: unknown[]) => void lines.push(x.join(" "));
    try {
      await fn();
    } finally {
      Object.assign(console, orig);
    }
    return lines.join("\n");
  }

  before(async () => {
    server = await createTestDatabase("ospab_mail");
    a = await openDatabase({ databaseUrl: server.url, poolSize: 4 });
    b = await openDatabase({ databaseUrl: server.url, poolSize: 4 });
    await migrate(a);
    ivan = (await a.prisma.user.create({ data: { email: "ivan@example.test", name: "Иван", locale: "ru", passwordHash: "x" } })).id;
    jane = (await a.prisma.user.create({ data: { email: "jane@example.test", name: null, locale: "en", timeZone: "Asia/Vladivostok", passwordHash: "x" } })).id;
  });
  beforeEach(async () => {
    await a.sql.exec("DELETE FROM notifications");
  });
  after(async () => {
    for (const p of policies) p.transport?.close();
    for (const s of sinks) await s.stop();
    await a?.close();
    await b?.close();
    await server?.drop();
  });

  it("sends a pending notification in the recipient's language: subject, text, HTML, link to the VPS", async () => {
    const s = await sink();
    const p = policy(s);
    const ru = await fired(ivan, "web-01");
    const en = await fired(jane, "db <main>");
    const counts = await runMailPass(a, p);
    assert.equal(counts.sent, 2);
    const mails = await s.waitFor(2);
    const toIvan = mails.find((m) => m.rcpt_tos.includes("ivan@example.test"))!;
    const toJane = mails.find((m) => m.rcpt_tos.includes("jane@example.test"))!;
    assert.ok(toIvan.authenticated && toJane.authenticated, "the sink required AUTH");
    assert.equal(toIvan.from, "ospab-panel <alerts@panel.example.test>");

    assert.equal(toIvan.subject, "web-01: Загрузка процессора выше 90 %");
    assert.match(toIvan.text!, /^Здравствуйте, Иван!/);
    assert.match(toIvan.text!, /Загрузка процессора выше 90 % дольше 5 минут: сейчас 97,5 %\./);
    assert.match(toIvan.text!, /3 дек\. 2026 г\., 12:30 GMT\+3/); // 09:30 UTC in DEFAULT_TIME_ZONE (Moscow): Ivan chose no zone
    assert.ok(toIvan.text!.includes(`${BASE}/vps/42`));
    assert.ok(toIvan.html!.includes(`href="${BASE}/vps/42"`));
    assert.match(toIvan.html!, /<html lang="ru">/);

    assert.equal(toJane.subject, "db <main>: CPU load above 90 %");
    assert.match(toJane.text!, /^Hello,/);
    assert.match(toJane.text!, /CPU load has been above 90 % for more than 5 minutes: now 97\.5 %\./);
    assert.match(toJane.text!, /Dec 3, 2026, 07:30 PM GMT\+10/); // 09:30 UTC in Jane's chosen Asia/Vladivostok
    // The client's own text is escaped in the HTML part.
    assert.ok(toJane.html!.includes("db &lt;main&gt;") && !toJane.html!.includes("db <main>"));

    for (const n of [ru, en]) {
      const r = await row(n.id);
      assert.equal(r.emailStatus, "sent");
      assert.equal(r.emailAttempts, 1);
      assert.equal(r.emailError, null);
    }
    // Sent is sent: another pass sends nothing.
    assert.equal((await runMailPass(a, p)).sent, 0);
    assert.equal(s.messages.length, 2);
  });

  it("retries a refused email with backoff, then sends it once; the SMTP password is never logged or stored", async () => {
    const s = await sink(2);
    const p = policy(s, [300, 300, 300]);
    const n = await fired(ivan, "retry-01");
    const logs = await captureLogs(async () => {
      assert.deepEqual(await runMailPass(a, p), { sent: 0, retry: 1, failed: 0, off: 0 });
      let r = await row(n.id);
      assert.equal(r.emailStatus, "pending");
      assert.equal(r.emailAttempts, 1);
      assert.match(r.emailError!, /451/);
      assert.ok(r.emailNextAt!.getTime() > Date.now(), "the next attempt waits");
      // Not due yet: a pass right away leaves it.
      assert.equal((await runMailPass(a, p)).retry, 0);
      assert.equal(s.refused, 1);
      await new Promise((res) => setTimeout(res, 400));
      assert.equal((await runMailPass(a, p)).retry, 1);
      await new Promise((res) => setTimeout(res, 400));
      assert.equal((await runMailPass(a, p)).sent, 1);
      r = await row(n.id);
      assert.equal(r.emailStatus, "sent");
      assert.equal(r.emailAttempts, 3);
      assert.equal(r.emailError, null);
    });
    assert.equal(s.refused, 2);
    assert.equal(s.messages.length, 1);
    assert.equal(s.messages[0].subject, "retry-01: Загрузка процессора выше 90 %");
    assert.match(logs, /will retry/);
    assert.ok(!logs.includes(AUTH.password) && !logs.includes(AUTH.user), "the SMTP credentials are not in the log");
    assert.match(logs, /127\.0\.0\.1:\d+/, "the server is named by host and port");
  });

  it("gives up after the schedule is used up (status failed, the error kept without credentials)", async () => {
    const s = await sink(100);
    const p = policy(s, [10]);
    const n = await fired(jane, "never");
    await captureLogs(async () => {
      await runMailPass(a, p);
      await new Promise((res) => setTimeout(res, 50));
      assert.equal((await runMailPass(a, p)).failed, 1);
    });
    const r = await row(n.id);
    assert.equal(r.emailStatus, "failed");
    assert.equal(r.emailAttempts, 2);
    assert.match(r.emailError!, /451/);
    assert.ok(!r.emailError!.includes(AUTH.password));
    assert.equal(s.messages.length, 0);
  });

  it("two processes sending at once send every email exactly once", async () => {
    const s = await sink();
    const pa = policy(s);
    const pb = policy(s);
    const names = Array.from({ length: 45 }, (_, i) => `race-${i}`);
    await a.prisma.notification.createMany({
      data: names.map((name, i) => ({
        userId: i % 2 ? ivan : jane,
        kind: "alert.fired",
        vpsId: 7,
        params: { metric: "ram_used_mb", op: ">", threshold: 1024, for_minutes: 1, value: 2048, vps_name: name },
        dedupeKey: `race:${name}`,
        emailStatus: "pending",
      })),
    });
    const [ra, rb] = await Promise.all([runMailPass(a, pa), runMailPass(b, pb)]);
    assert.equal(ra.sent + rb.sent, 45);
    const mails = await s.waitFor(45);
    const vpsNames = mails.map((m) => m.subject.split(":")[0]).sort();
    assert.deepEqual(vpsNames, [...names].sort(), "each notification mailed once");
    assert.equal((await a.prisma.notification.count({ where: { emailStatus: "sent", emailAttempts: 1 } })), 45);
  });

  it("takes back an email whose sender died mid-send (lease run out), never one still leased", async () => {
    const s = await sink();
    const p = policy(s);
    const dead = await fired(ivan, "lease-expired", { emailStatus: "sending", emailAttempts: 1, emailNextAt: new Date(Date.now() - 1000) });
    const live = await fired(ivan, "lease-held", { emailStatus: "sending", emailAttempts: 1, emailNextAt: new Date(Date.now() + 600_000) });
    assert.equal((await runMailPass(a, p)).sent, 1);
    assert.equal((await row(dead.id)).emailStatus, "sent");
    assert.equal((await row(live.id)).emailStatus, "sending");
    assert.deepEqual(s.messages.map((m) => m.subject.split(":")[0]), ["lease-expired"]);
  });

  it("without SMTP_URL marks waiting emails off and leaves other rows alone", async () => {
    const pending = await fired(ivan, "off-1");
    const none = await fired(ivan, "no-email", { emailStatus: null });
    const sent = await fired(ivan, "sent-before", { emailStatus: "sent" });
    assert.equal((await runMailPass(a, { transport: null, baseUrl: BASE, schedule: [1000] })).off, 1);
    assert.equal((await row(pending.id)).emailStatus, "off");
    assert.equal((await row(none.id)).emailStatus, null);
    assert.equal((await row(sent.id)).emailStatus, "sent");
  });
});
