// Every page, in every role, with forged router-state headers: Next renders only the
// segments below the point where the client's claimed tree (`Next-Router-State-Tree`)
// stops matching, so a layout's check is skipped by claiming to have that layout already.
// Pages are enumerated from app/ (a new page is covered by default); dynamic segments are
// filled with real ids (each client's VPS, a webhook). Nothing a role may not see may appear.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { ROOT, startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { post, sync } from "../support/sync";

type Segment = string | [param: string, value: string, kind: "d", siblings: null];
interface PageUrl {
  url: string;
  segments: Segment[]; // route segments from the root, groups included, without __PAGE__
}

/** app/**\/page.tsx as route-segment lists (route groups kept: they are tree segments). */
function pageFiles(dir = path.join(ROOT, "app"), prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) {
      if (e.name === "api" && prefix.length === 0) continue;
      out.push(...pageFiles(path.join(dir, e.name), [...prefix, e.name]));
    } else if (/^page\.(tsx|ts|jsx|js)$/.test(e.name)) out.push(prefix);
  }
  return out;
}

/** Fills each dynamic segment with every candidate id for it (named by the segment before). */
function expand(route: string[], fillers: Record<string, string[]>): PageUrl[] {
  let acc: PageUrl[] = [{ url: "", segments: [] }];
  route.forEach((seg, i) => {
    const m = /^\[(\w+)\]$/.exec(seg);
    if (!m) {
      acc = acc.map((p) => ({ url: /^\(.*\)$/.test(seg) ? p.url : `${p.url}/${seg}`, segments: [...p.segments, seg] }));
      return;
    }
    const key = `${route[i - 1]}/${seg}`;
    const ids = fillers[key];
    if (!ids) throw new Error(`no ids to fill ${key} (app/${route.join("/")}): add them to this test's fillers`);
    acc = acc.flatMap((p) => ids.map((id) => ({ url: `${p.url}/${id}`, segments: [...p.segments, [m[1], id, "d", null] as Segment] })));
  });
  return acc.map((p) => ({ ...p, url: p.url || "/" }));
}

/** The router-state tree a client would hold for these segments (["", {children: …}]),
 *  ending with the page itself or with the last segment's layout. */
function tree(segments: Segment[], withPage: boolean): unknown {
  let node: unknown[] | undefined = withPage ? ["__PAGE__", {}] : undefined;
  for (const seg of [...segments].reverse()) node = [seg, node ? { children: node } : {}];
  return ["", node ? { children: node } : {}];
}

const enc = (t: unknown) => encodeURIComponent(typeof t === "string" ? t : JSON.stringify(t));

/** Every way of asking for a page this test tries: plain HTML, RSC, forged trees, garbage. */
function variants(p: PageUrl): { name: string; headers: Record<string, string> }[] {
  const rsc = (name: string, t: unknown, extra: Record<string, string> = {}) => ({
    name,
    headers: { rsc: "1", "next-router-state-tree": enc(t), ...extra },
  });
  const parent = p.segments.slice(0, -1);
  return [
    { name: "html", headers: {} },
    { name: "rsc, no tree", headers: { rsc: "1" } },
    rsc("tree (admin)", ["", { children: ["(admin)", {}] }]),
    rsc("tree (client)", ["", { children: ["(client)", {}] }]),
    rsc("tree (auth)", ["", { children: ["(auth)", {}] }]),
    rsc("tree (admin) prefetch", ["", { children: ["(admin)", {}] }], { "next-router-prefetch": "1" }),
    rsc("full matching tree", tree(p.segments, true)),
    rsc("tree to the page's parent", tree(parent, false)),
    rsc("tree to the page's layout", tree(p.segments, false)),
    rsc("garbage: not json", "not json {"),
    rsc("garbage: []", []),
    rsc("garbage: object", { children: ["(admin)", {}] }),
  ];
}

describe("forged router state: no page shows what its viewer may not see", () => {
  let panel: Panel;
  const tag = randomBytes(4).toString("hex");
  const mark = {
    aEmail: `fx-alice-${tag}@example.com`,
    aName: `Fx Alice ${tag}`,
    aVps: `fx-a-vps-${tag}`,
    bEmail: `fx-bob-${tag}@example.com`,
    bName: `Fx Bob ${tag}`,
    bVps: `fx-b-vps-${tag}`,
    adminEmail: TEST_ADMIN.email,
    hook: `fx-hook-${tag}`,
    hookPath: `fx-hook-path-${tag}`,
    plan: `fx-plan-${tag}`,
    hiddenPlan: `fx-hidden-plan-${tag}`,
  };
  const adminOnly = [mark.adminEmail, mark.hook, mark.hookPath, mark.hiddenPlan];
  /** What each role must never receive, in any page's HTML or RSC payload. */
  const forbidden: Record<string, string[]> = {
    anonymous: Object.values(mark),
    clientA: [mark.bEmail, mark.bName, mark.bVps, ...adminOnly],
    clientB: [mark.aEmail, mark.aName, mark.aVps, ...adminOnly],
    admin: [],
  };
  const clients: Record<string, SessionClient> = {};
  const fillers: Record<string, string[]> = {};

  before(async () => {
    panel = await startPanel({ demoData: false, env: { WEBHOOK_ALLOW_PRIVATE: "1" } });
    const user = async (email: string, name: string) => {
      const r = await post(panel.url, "/api/users/sync", { email, name, password: `pw-${tag}-long-enough` });
      assert.equal(r.status, 201, r.text);
      return r.json.user.id as number;
    };
    const vps = async (userId: number, name: string) => {
      const r = await sync(panel.url, { action: "create", vps: { user_id: userId, name, cpu: 1, ram: 1024, disk: 10, os: "Debian 12" } });
      assert.ok(r.status < 300, r.text);
      return r.json.vps.id as number;
    };
    const aId = await user(mark.aEmail, mark.aName);
    const bId = await user(mark.bEmail, mark.bName);
    const aVps = await vps(aId, mark.aVps);
    const bVps = await vps(bId, mark.bVps);

    clients.anonymous = new SessionClient(panel.url);
    clients.clientA = new SessionClient(panel.url);
    clients.clientB = new SessionClient(panel.url);
    clients.admin = new SessionClient(panel.url);
    assert.ok(await clients.clientA.signIn(mark.aEmail, `pw-${tag}-long-enough`));
    assert.ok(await clients.clientB.signIn(mark.bEmail, `pw-${tag}-long-enough`));
    assert.ok(await clients.admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));

    const json = (body: unknown) => ({
      method: "POST",
      headers: { "content-type": "application/json", origin: panel.url },
      body: JSON.stringify(body),
    });
    const hook = await clients.admin.fetch("/api/webhooks", json({ name: mark.hook, url: `http://127.0.0.1:9/${mark.hookPath}`, event_type: "*" }));
    assert.equal(hook.status, 201, await hook.clone().text());
    const hookId = ((await hook.json()) as { id: number }).id;
    const plan = (name: string, code: string, active: boolean) =>
      clients.admin.fetch("/api/plans", json({ name, code, cpu: 1, ram: 1024, disk: 10, os_choices: ["Debian 12"], is_active: active }));
    const shown = await plan(mark.plan, `fx-${tag}`, true);
    assert.equal(shown.status, 201);
    // An order of client A: its admin page (/admin/orders/[id]) names A.
    const planId = ((await shown.json()) as { id?: number; plan?: { id: number } });
    const order = await clients.clientA.fetch("/api/orders", json({ plan_id: planId.plan?.id ?? planId.id }));
    assert.equal(order.status, 201, await order.clone().text());
    const orderId = ((await order.json()) as { order: { id: number } }).order.id;
    assert.equal((await plan(mark.hiddenPlan, `fx-hidden-${tag}`, false)).status, 201);

    fillers["vps/[id]"] = [String(aVps), String(bVps)];
    fillers["webhooks/[id]"] = [String(hookId)];
    fillers["orders/[id]"] = [String(orderId)];
  });
  after(async () => {
    await panel?.stop();
  });

  it("finds the pages under app/ and fills their dynamic segments", () => {
    const urls = pageFiles().flatMap((r) => expand(r, fillers)).map((p) => p.url);
    for (const expected of ["/", "/login", "/dashboard", "/admin", "/admin/users", "/admin/vps", "/admin/plans", "/admin/webhooks"])
      assert.ok(urls.includes(expected), `${expected} in ${urls.join(", ")}`);
    assert.ok(urls.some((u) => /^\/vps\/\d+$/.test(u)) && urls.some((u) => /^\/admin\/webhooks\/\d+\/edit$/.test(u)));
  });

  for (const role of ["anonymous", "clientA", "clientB", "admin"]) {
    it(`${role}: every page, every tree shape, nothing forbidden and no server error`, async () => {
      const pages = pageFiles().flatMap((r) => expand(r, fillers));
      const problems: string[] = [];
      const jobs = pages.flatMap((p) => variants(p).map((v) => ({ p, v })));
      let next = 0;
      const worker = async () => {
        while (next < jobs.length) {
          const { p, v } = jobs[next++];
          // Next answers an RSC request without the matching `_rsc` cache-busting parameter
          // with a redirect to the same path carrying it: follow that as the router does.
          let res = await clients[role].fetch(p.url, { headers: v.headers });
          for (let hop = 0; hop < 2 && res.status >= 300 && res.status < 400; hop++) {
            const to = new URL(res.headers.get("location") ?? "/", panel.url);
            if (to.pathname !== p.url || !to.searchParams.has("_rsc")) break;
            await res.body?.cancel();
            res = await clients[role].fetch(to.pathname + to.search, { headers: v.headers });
          }
          const body = await res.text();
          if (res.status >= 500) problems.push(`${p.url} [${v.name}]: HTTP ${res.status}`);
          for (const secret of forbidden[role]) if (body.includes(secret)) problems.push(`${p.url} [${v.name}]: HTTP ${res.status} shows ${secret}`);
        }
      };
      await Promise.all([worker(), worker(), worker()]);
      assert.ok(jobs.length >= 100, `only ${jobs.length} requests`);
      assert.deepEqual(problems, [], `${problems.length} leaks:\n${problems.slice(0, 40).join("\n")}`);
    });
  }

  it("admin: every admin page answers 404 to a request naming another site in Origin", async () => {
    const admin = pageFiles().flatMap((r) => expand(r, fillers)).filter((p) => p.url.startsWith("/admin"));
    assert.ok(admin.length >= 11, `only ${admin.length} admin pages`);
    const wrong: string[] = [];
    for (const p of admin) {
      const own = await clients.admin.fetch(p.url);
      await own.text();
      const foreign = await clients.admin.fetch(p.url, { headers: { origin: "https://evil.example" } });
      await foreign.text();
      if (own.status !== 200 || foreign.status !== 404) wrong.push(`${p.url}: own ${own.status}, foreign ${foreign.status}`);
    }
    assert.deepEqual(wrong, []);
  });
});
