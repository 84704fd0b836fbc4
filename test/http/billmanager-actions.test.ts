// BILLmanager's suspend.sh, resume.sh, setparam.sh and close.sh as BILLmanager runs them
// (argv, minimal environment, first stdout line read as `OK --k=v ...`) against a built
// panel whose main site is the reference one (examples/main-site, its own process, a real
// signed-webhook receiver): each script becomes a §9 billing action, the main site gets
// `vps.action_requested`, does it and confirms with POST /api/vps/actions/{id}, and the
// client sees the result in the panel.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { eventually, startMainSite, type MainSite } from "../support/main-site";
import { startPanel, TEST_ADMIN, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { installBillmanagerScripts, parseBillmanagerOutput, runProgram } from "../support/scripts";
import { query } from "../support/sync";

const SECRET = "billmanager-actions-webhook-secret-0123";

interface VpsSeen {
  id: number;
  status: string;
  cpu: number;
  ram: number;
  disk: number;
}
interface RequestSeen {
  id: number;
  action: string;
  status: string;
  message: string | null;
}

describe("BILLmanager suspend/resume/setparam/close through the main site", () => {
  let panel: Panel;
  let mainSite: MainSite;
  let dir: string;
  let env: Record<string, string>;
  const run = (script: string, args: string[]) => runProgram(path.join(dir, script), args, env);

  before(async () => {
    panel = await startPanel({ env: { WEBHOOK_ALLOW_PRIVATE: "1", WEBHOOK_RETRY_SCHEDULE: "1s,1s,2s" } });
    // A second between a webhook and the main site's report: long enough to see the panel's
    // own state right after a script returns, before the main site has acted.
    mainSite = await startMainSite({ panelUrl: panel.url, syncKey: TEST_SYNC_KEY, webhookSecret: SECRET, provisionDelayMs: 300, actionDelayMs: 1000 });
    const admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const hook = await admin.fetch("/api/webhooks", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Main site", url: mainSite.webhookUrl, event_type: "*", secret: SECRET }),
    });
    assert.equal(hook.status, 201, await hook.text());
    dir = installBillmanagerScripts();
    env = { OSPAB_PANEL_URL: panel.url, VPS_SYNC_API_KEY: TEST_SYNC_KEY, OSPAB_RETRIES: "0" };
  });
  after(async () => {
    await mainSite?.stop();
    await panel?.stop();
  });

  /** A BILLmanager service the main site has built (running), and its owner signed in. */
  let next = 6100;
  async function runningService() {
    const n = next++;
    const login = `bma${n}`;
    const password = `Pass-${n}-word`;
    const r = await run("open.sh", [`--user=${login}`, `--password=${password}`, `--id=${n}`, "--cpu=2", "--ram=2048", "--disk=40", "--os=Debian 12"]);
    assert.equal(r.code, 0, r.stderr);
    const id = Number(parseBillmanagerOutput(r.stdout)!.id);
    const client = new SessionClient(panel.url);
    assert.ok(await client.signIn(login, password));
    const vps = async (): Promise<VpsSeen | null> => {
      const res = await client.fetch(`/api/vps/${id}`);
      if (res.status === 404) return null;
      assert.equal(res.status, 200);
      return (await res.json()).vps;
    };
    const requests = async (): Promise<RequestSeen[]> => (await (await client.fetch(`/api/vps/${id}/actions`)).json()).requests;
    const act = (body: Record<string, unknown>) =>
      client.fetch(`/api/vps/${id}/actions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    await eventually(async () => (await vps())?.status === "running", 20_000, `VPS ${id} to be built\n${mainSite.logs()}`);
    return { id, login, vps, requests, act };
  }

  /** BILLmanager's reading: exit 0, one line, `OK` and its --k=v words. */
  async function ok(script: string, args: string[]) {
    const r = await run(script, args);
    assert.equal(r.code, 0, `${script}: ${r.stderr}`);
    assert.equal(r.stdout.split("\n").filter(Boolean).length, 1, r.stdout);
    const out = parseBillmanagerOutput(r.stdout);
    assert.ok(out, r.stdout);
    return out;
  }

  const completed = (s: Awaited<ReturnType<typeof runningService>>, requestId: string) =>
    eventually(async () => (await s.requests()).find((r) => r.id === Number(requestId) && r.status === "completed"), 20_000, `request ${requestId} completed\n${mainSite.logs()}`);

  it("suspend.sh: suspended at once (client start refused), the main site confirms, a retry asks nothing new", async () => {
    const s = await runningService();
    const out = await ok("suspend.sh", [`--id=${s.id}`, `--user=${s.login}`]);
    assert.deepEqual(Object.keys(out), ["id", "request_id", "request_status"]);
    assert.equal(out.id, String(s.id));
    assert.match(out.request_id, /^\d+$/);
    assert.equal(out.request_status, "pending");
    // The panel's own record changed at once: the client can no longer act on the VPS.
    assert.equal((await s.vps())!.status, "suspended");
    for (const action of ["stop", "reboot"]) {
      const r = await s.act({ action });
      assert.equal(r.status, 409, action);
      assert.match((await r.json()).message, /suspended by the billing system/);
    }
    // A retry before the main site is done answers with the same request.
    // (the main site may already have reported that it started: in_progress)
    const again = await ok("suspend.sh", [`--id=${s.id}`]);
    assert.deepEqual({ ...again, request_status: "?" }, { id: String(s.id), request_id: out.request_id, request_status: "?", already: "requested" });
    assert.match(again.request_status, /^(pending|in_progress)$/);

    // The main site got vps.action_requested, did it and reported; the client sees it.
    await completed(s, out.request_id);
    assert.match(mainSite.logs(), new RegExp(`VPS ${s.id}: suspend done \\(request ${out.request_id}\\)`));
    assert.equal((await s.vps())!.status, "suspended");
    assert.equal((await s.act({ action: "start" })).status, 409, "a suspended VPS refuses start");
    // Suspended and confirmed: nothing to do, no request.
    assert.deepEqual(await ok("suspend.sh", [`--id=${s.id}`]), { id: String(s.id), already: "suspended" });
    const rows = await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps_action_requests WHERE vps_id = $1 AND action = 'suspend'", [s.id]);
    assert.equal(rows[0].n, 1);
  });

  it("resume.sh: the VPS stays suspended until the main site reports the VM's status, which is the one before the suspension", async () => {
    const s = await runningService();
    // The owner had stopped it: a resume must bring it back stopped, not running.
    assert.equal((await s.act({ action: "stop" })).status, 202);
    await eventually(async () => (await s.vps())!.status === "stopped", 20_000, "stopped");
    const sus = await ok("suspend.sh", [`--id=${s.id}`]);
    await completed(s, sus.request_id);

    const out = await ok("resume.sh", [`--user=${s.login}`, `--id=${s.id}`]);
    assert.equal(out.request_status, "pending");
    assert.equal((await s.vps())!.status, "suspended", "not lifted before the main site has done it");
    assert.equal((await ok("resume.sh", [`--id=${s.id}`])).already, "requested");
    await completed(s, out.request_id);
    assert.equal((await s.vps())!.status, "stopped");
    // Resumed: the client acts again; resuming again has nothing to do.
    assert.equal((await s.act({ action: "start" })).status, 202);
    assert.deepEqual(await ok("resume.sh", [`--id=${s.id}`]), { id: String(s.id), already: "stopped" });
    await eventually(async () => (await s.vps())!.status === "running", 20_000, "started");

    // A running VPS comes back running.
    const sus2 = await ok("suspend.sh", [`--id=${s.id}`]);
    await completed(s, sus2.request_id);
    await completed(s, (await ok("resume.sh", [`--id=${s.id}`])).request_id);
    assert.equal((await s.vps())!.status, "running");
  });

  it("setparam.sh: a resize the main site carries out; the record changes when it is done; the same values again ask nothing", async () => {
    const s = await runningService();
    const out = await ok("setparam.sh", [`--id=${s.id}`, `--user=${s.login}`, "--cpu=4", "--ram=4096", "--disk=80", "--addon_backup=2"]);
    assert.equal(out.request_status, "pending");
    assert.deepEqual((({ cpu, ram, disk }) => ({ cpu, ram, disk }))((await s.vps())!), { cpu: 2, ram: 2048, disk: 40 }, "unchanged until the main site reports");
    await completed(s, out.request_id);
    assert.deepEqual((({ cpu, ram, disk }) => ({ cpu, ram, disk }))((await s.vps())!), { cpu: 4, ram: 4096, disk: 80 });
    assert.deepEqual(await ok("setparam.sh", [`--id=${s.id}`, "--cpu=4", "--ram=4096", "--disk=80"]), { id: String(s.id), already: "unchanged" });
    // Only the parameters BILLmanager sends change; the others keep their value.
    const disk = await ok("setparam.sh", [`--id=${s.id}`, "--disk=120"]);
    await completed(s, disk.request_id);
    assert.deepEqual((({ cpu, ram, disk }) => ({ cpu, ram, disk }))((await s.vps())!), { cpu: 4, ram: 4096, disk: 120 });
  });

  it("close.sh: deleting at once, removed when the main site has destroyed it; closing again is fine", async () => {
    const s = await runningService();
    const out = await ok("close.sh", [`--id=${s.id}`, `--user=${s.login}`]);
    assert.equal(out.request_status, "pending");
    assert.equal((await s.vps())!.status, "deleting");
    assert.equal((await s.act({ action: "stop" })).status, 409);
    assert.equal((await ok("close.sh", [`--id=${s.id}`])).already, "requested");
    await eventually(async () => (await s.vps()) === null, 20_000, `VPS ${s.id} removed\n${mainSite.logs()}`);
    assert.match(mainSite.logs(), new RegExp(`VPS ${s.id}: terminate done \\(request ${out.request_id}\\)`));
    const row = await query<{ status: string }>(panel.databaseUrl, "SELECT status::text FROM vps_action_requests WHERE id = $1", [Number(out.request_id)]);
    assert.equal(row[0].status, "completed");
    assert.deepEqual(await ok("close.sh", [`--id=${s.id}`]), { id: String(s.id), already: "closed" });
    const sus = await run("suspend.sh", [`--id=${s.id}`]);
    assert.equal(sus.code, 1);
    assert.match(sus.stderr, /^ospab suspend: Service \d+ is closed/);
  });

  it("BILLmanager retrying the same script at once gets one request", async () => {
    const s = await runningService();
    const outs = await Promise.all([0, 1, 2].map(() => ok("suspend.sh", [`--id=${s.id}`])));
    assert.equal(new Set(outs.map((o) => o.request_id)).size, 1, JSON.stringify(outs));
    assert.deepEqual(outs.map((o) => o.already ?? "").sort(), ["", "requested", "requested"]);
    await completed(s, outs[0].request_id);
  });
});
