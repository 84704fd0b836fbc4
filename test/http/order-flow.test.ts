// End to end, nothing done by hand: a 1C-Bitrix `order` becomes a provisioning task; the
// panel's webhook tells the reference main site (its own process, verifying signatures),
// which builds the VPS through the sync API; `order_status` then reports it finished with
// the server's address and root password. Also: the main site failing an order it cannot
// fill, and a BILLmanager-opened VPS built the same way.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { eventually, startMainSite, type MainSite } from "../support/main-site";
import { startPanel, TEST_ADMIN, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { installBillmanagerScripts, installBitrixPlugin, parseBillmanagerOutput, runProgram } from "../support/scripts";
import { query } from "../support/sync";
import { issueToken } from "../support/issue-token";

const SECRET = "order-flow-webhook-secret-0123456789";

describe("order flow: Bitrix plugin → panel → reference main site → finished", () => {
  let panel: Panel;
  let mainSite: MainSite;
  let plugin: string;
  let plans: { id: number; code: string }[];

  before(async () => {
    panel = await startPanel({ env: { WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s" } });
    mainSite = await startMainSite({ panelUrl: panel.url, syncKey: TEST_SYNC_KEY, webhookSecret: SECRET, provisionDelayMs: 500, failPlans: ["vps-max"] });
    const admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const hook = await admin.fetch("/api/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Main site", url: mainSite.webhookUrl, event_type: "*", secret: SECRET }),
    });
    assert.equal(hook.status, 201, await hook.text());
    const token = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["orders:write"], "bitrix");
    plugin = installBitrixPlugin("ospab", { OSPAB_PANEL_URL: panel.url, OSPAB_API_TOKEN: token }).program;
    plans = (await (await fetch(`${panel.url}/api/plans`, { headers: { authorization: `Bearer ${token}` } })).json()).plans;
  });
  after(async () => {
    await mainSite?.stop();
    await panel?.stop();
  });

  const bx = async (...args: string[]) => {
    const r = await runProgram(plugin, args);
    return JSON.parse(r.stdout);
  };

  it("order → the main site builds the VPS → order_status finished with server and password", async () => {
    const pro = plans.find((p) => p.code === "vps-pro")!;
    const { task_id } = await bx("order", `${pro.id}-2`);
    assert.match(task_id, /^\d+$/);
    const status = await eventually(async () => {
      const s = await bx("order_status", task_id);
      return s.status === "finished" ? s : null;
    }, 30_000, `task ${task_id} to finish\n${mainSite.logs()}`);
    assert.deepEqual(Object.keys(status), ["server_password", "status", "server", "task_id"]);
    assert.match(status.server, /^198\.51\.100\.\d+$/);
    assert.ok(status.server_password.length >= 12);
    assert.equal(status.task_id, task_id);

    // The client sees it as a running VPS of the ordered plan, at the same address.
    const client = new SessionClient(panel.url);
    assert.ok(await client.signIn("client@ospab.local", "client-demo-pass"));
    const vps = (await (await client.fetch("/api/vps")).json()).vps.find((v: { order_id: number | null }) => v.order_id === Number(task_id));
    assert.deepEqual({ status: vps.status, ip: vps.ip_address, cpu: vps.cpu, ram: vps.ram, disk: vps.disk, os: vps.os }, { status: "running", ip: status.server, cpu: 2, ram: 4096, disk: 60, os: "Ubuntu 24.04 LTS" });
    // The main site's log shows it acted on a signed webhook.
    assert.match(mainSite.logs(), new RegExp(`order ${task_id}: VPS \\d+ registered`));
  });

  it("the client's power actions and rename on that VPS are carried out by the main site and confirmed live", async () => {
    const client = new SessionClient(panel.url);
    assert.ok(await client.signIn("client@ospab.local", "client-demo-pass"));
    const list = async () => (await (await client.fetch("/api/vps")).json()).vps as { id: number; name: string; status: string; order_id: number | null }[];
    const vps = (await list()).find((v) => v.order_id !== null && v.status === "running")!;
    const act = async (body: Record<string, string>) => {
      const r = await client.fetch(`/api/vps/${vps.id}/actions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      assert.equal(r.status, 202, await r.text());
    };
    const settled = () =>
      eventually(async () => {
        const rows = await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps_action_requests WHERE vps_id = $1 AND status = 'pending'", [vps.id]);
        return rows[0].n === 0;
      }, 20_000, `the action on VPS ${vps.id} to be confirmed\n${mainSite.logs()}`);

    await act({ action: "stop" });
    await settled();
    assert.equal((await list()).find((v) => v.id === vps.id)!.status, "stopped");
    await act({ action: "start" });
    await settled();
    assert.equal((await list()).find((v) => v.id === vps.id)!.status, "running");
    await act({ action: "reboot" });
    await settled();
    await act({ action: "rename", name: "shop-frontend" });
    await settled();
    assert.equal((await list()).find((v) => v.id === vps.id)!.name, "shop-frontend");
    const outcomes = await query<{ action: string; status: string }>(panel.databaseUrl, "SELECT action::text, status::text FROM vps_action_requests WHERE vps_id = $1 ORDER BY id", [vps.id]);
    assert.deepEqual(outcomes, ["stop", "start", "reboot", "rename"].map((action) => ({ action, status: "completed" })));
  });

  it("an order the main site cannot fill ends in error with its reason", async () => {
    const max = plans.find((p) => p.code === "vps-max")!;
    const { task_id } = await bx("order", `${max.id}-1`);
    const s = await eventually(async () => {
      const r = await bx("order_status", task_id);
      return r.status === "error" ? r : null;
    }, 30_000, "the order to fail");
    assert.match(s.error_message, /No capacity for VPS Max/);
  });

  it("a VPS opened by BILLmanager's open.sh is built by the main site too", async () => {
    const dir = installBillmanagerScripts();
    const r = await runProgram(path.join(dir, "open.sh"), ["--user=bmflow", "--password=Flow-pass-1", "--id=900", "--cpu=1", "--ram=1024", "--disk=20", "--os=Debian 12"], {
      OSPAB_PANEL_URL: panel.url,
      VPS_SYNC_API_KEY: TEST_SYNC_KEY,
    });
    assert.equal(r.code, 0, r.stderr);
    const id = Number(parseBillmanagerOutput(r.stdout)!.id);
    const owner = new SessionClient(panel.url);
    assert.ok(await owner.signIn("bmflow", "Flow-pass-1"));
    const vps = await eventually(async () => {
      const v = (await (await owner.fetch("/api/vps")).json()).vps.find((x: { id: number }) => x.id === id);
      return v?.status === "running" ? v : null;
    }, 30_000, "the BILLmanager VPS to run");
    assert.match(vps.ip_address, /^198\.51\.100\.\d+$/);
  });

  it("the main site refuses a webhook with a wrong or missing signature", async () => {
    const body = JSON.stringify({ order_id: 1, user_id: 1, os: "x", plan: { code: "vps-pro", name: "x", cpu: 1, ram: 1, disk: 1 } });
    for (const sig of [undefined, "sha256=00", `sha256=${"a".repeat(64)}`]) {
      const res = await fetch(mainSite.webhookUrl, {
        method: "POST",
        headers: { "content-type": "application/json", "x-webhook-event": "order.created", ...(sig ? { "x-webhook-signature": sig } : {}) },
        body,
      });
      assert.equal(res.status, 401);
    }
  });
});
