// The 1C-Bitrix providers plugin installed as Bitrix expects it
// (/opt/webdir/providers/<name>/bin/<name>, settings in etc/<name>.conf) and run with each
// command as Bitrix runs it; every answer is parsed as the JSON Bitrix reads.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_ADMIN, type Panel } from "../support/panel";
import { installBitrixPlugin, runProgram } from "../support/scripts";
import { post, sync } from "../support/sync";
import { issueToken } from "../support/issue-token";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe("1C-Bitrix providers plugin", () => {
  let panel: Panel;
  let program: string;
  let token: string;
  let proId: number;
  let maxId: number;
  let client: SessionClient;

  const bx = async (args: string[], env: Record<string, string> = {}, prog = program) => {
    const r = await runProgram(prog, args, env);
    let json: Json;
    try {
      json = JSON.parse(r.stdout);
    } catch {
      assert.fail(`not JSON: ${r.stdout} ${r.stderr}`);
    }
    assert.equal(r.stdout.trim().split("\n").length, 1, "one line of JSON");
    return { code: r.code, json };
  };
  const failsWith = async (args: string[], message: RegExp, env: Record<string, string> = {}, prog = program) => {
    const r = await bx(args, env, prog);
    assert.equal(r.code, 1, JSON.stringify(r.json));
    assert.deepEqual(Object.keys(r.json).sort(), ["error", "error_message"]);
    assert.equal(r.json.error, 1);
    assert.match(r.json.error_message, message);
  };

  /** The seed's answer of a provider switched off on this server: exit 0, the reason (if the plugin gives one) on stderr. */
  const disabled = async (args: string[], reason: RegExp | null, env: Record<string, string> = {}, prog = program) => {
    const r = await runProgram(prog, args, env);
    assert.equal(r.code, 0, `${r.stdout} ${r.stderr}`);
    assert.equal(r.stdout.trim().split("\n").length, 1, "one line of JSON");
    const expected = args[0] === "help" ? { options: ["help", "configs", "order", "order_status"], status: "disabled" } : { configurations: [], status: "disabled" };
    assert.deepEqual(JSON.parse(r.stdout), expected);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout)), Object.keys(expected), "the enabled answer's keys, in its order");
    if (reason) assert.match(r.stderr, reason);
    else assert.equal(r.stderr, "");
  };

  before(async () => {
    panel = await startPanel();
    token = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["orders:write"], "bitrix");
    ({ program } = installBitrixPlugin("ospab", { OSPAB_PANEL_URL: panel.url, OSPAB_API_TOKEN: token }));
    client = new SessionClient(panel.url);
    assert.ok(await client.signIn("client@ospab.local", "client-demo-pass"));
    const { plans } = await (await client.fetch("/api/plans")).json();
    proId = plans.find((p: { code: string }) => p.code === "vps-pro").id;
    maxId = plans.find((p: { code: string }) => p.code === "vps-max").id;
  });
  after(async () => {
    await panel?.stop();
  });

  it("help lists the supported options and says the provider is enabled", async () => {
    const r = await bx(["help"]);
    assert.equal(r.code, 0);
    assert.deepEqual(r.json, { options: ["help", "configs", "order", "order_status"], status: "enabled" });
  });

  it("configs lists every active plan with each of its operating systems, described as in the seed", async () => {
    const r = await bx(["configs"]);
    assert.equal(r.code, 0);
    assert.deepEqual(Object.keys(r.json), ["configurations", "status"]);
    assert.equal(r.json.status, "enabled");
    assert.equal(r.json.configurations.length, 12, "3 plans × 4 OS");
    for (const c of r.json.configurations) {
      assert.deepEqual(Object.keys(c), ["id", "descr"]);
      assert.equal(typeof c.id, "string");
    }
    assert.deepEqual(r.json.configurations.find((c: Json) => c.id === `${proId}-1`), {
      id: `${proId}-1`,
      descr: "VPS Pro, 1 month, Ubuntu 22.04 LTS, CPU 2 cores, Memory 4Gb, HDD 60Gb",
    });
    assert.ok(r.json.configurations.some((c: Json) => c.descr === "VPS Start, 1 month, Debian 12, CPU 1 core, Memory 1Gb, HDD 20Gb"));

    // A plan the admin hides disappears from Bitrix too.
    const admin = new SessionClient(panel.url);
    assert.ok(await admin.signIn(TEST_ADMIN.email, TEST_ADMIN.password));
    const off = await admin.fetch(`/api/plans/${maxId}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ is_active: false }) });
    assert.equal(off.status, 200);
    const after = await bx(["configs"]);
    assert.equal(after.json.configurations.length, 8);
    assert.ok(after.json.configurations.every((c: Json) => !c.descr.startsWith("VPS Max")));
    await failsWith(["order", `${maxId}-1`], /Unknown configuration/);
  });

  /** A task of its own for each test that needs one. */
  const placeOrder = async (config = `${proId}-3`): Promise<string> => {
    const r = await bx(["order", config]);
    assert.equal(r.code, 0, JSON.stringify(r.json));
    return r.json.task_id;
  };

  it("order places a provisioning task for the token's owner and answers {task_id}", async () => {
    const r = await bx(["order", `${proId}-3`]);
    assert.equal(r.code, 0, JSON.stringify(r.json));
    assert.deepEqual(Object.keys(r.json), ["task_id"]);
    assert.match(r.json.task_id, /^\d+$/);
    const taskId = r.json.task_id;
    const { order } = await (await client.fetch(`/api/orders/${taskId}`)).json();
    assert.deepEqual({ status: order.status, os: order.os, plan: order.plan.code, source: order.source }, { status: "in_progress", os: "Debian 12", plan: "vps-pro", source: "bitrix" });
  });

  /** A task of the plugin's client, fulfilled by the main site with an IP and a root password. */
  async function finishedTask() {
    const taskId = await placeOrder();
    const { order } = await (await client.fetch(`/api/orders/${taskId}`)).json();
    const created = await sync(panel.url, { action: "create", vps: { user_id: order.user_id, name: `bx-${taskId}`, cpu: 2, ram: 4096, disk: 60, os: "Debian 12", order_id: Number(taskId) } });
    assert.equal(created.status, 201, created.text);
    await sync(panel.url, { action: "update", vps: { id: created.json.vps.id, status: "running", ip_address: "203.0.113.44", root_password: "Kx9$root \"pw\"" } });
    assert.equal((await bx(["order_status", taskId])).json.status, "finished");
    return taskId;
  }

  it("order_status says in_progress until the main site's VPS runs with an IP and a root password, then finished with both", async () => {
    const taskId = await placeOrder();
    assert.deepEqual((await bx(["order_status", taskId])).json, { status: "in_progress", task_id: taskId });
    const { order } = await (await client.fetch(`/api/orders/${taskId}`)).json();
    const created = await sync(panel.url, { action: "create", vps: { user_id: order.user_id, name: `bx-${taskId}`, cpu: 2, ram: 4096, disk: 60, os: "Debian 12", order_id: Number(taskId) } });
    assert.equal(created.status, 201, created.text);
    await sync(panel.url, { action: "update", vps: { id: created.json.vps.id, status: "running" } });
    assert.equal((await bx(["order_status", taskId])).json.status, "in_progress");
    await sync(panel.url, { action: "update", vps: { id: created.json.vps.id, ip_address: "203.0.113.44", root_password: "Kx9$root \"pw\"" } });
    const r = await bx(["order_status", taskId]);
    assert.equal(r.code, 0);
    // Exactly the seed's shape, keys in the seed's order.
    assert.deepEqual(Object.keys(r.json), ["server_password", "status", "server", "task_id"]);
    assert.deepEqual(r.json, { server_password: 'Kx9$root "pw"', status: "finished", server: "203.0.113.44", task_id: taskId });
  });

  it("an admin's token gets no client's root password: order_status of a client's task is 404", async () => {
    // Root passwords are owner-only everywhere; the plugin's tasks are its token owner's orders.
    const taskId = await finishedTask();
    const adminToken = await issueToken(panel.url, TEST_ADMIN.email, TEST_ADMIN.password, ["orders:write"], "bitrix-admin");
    const r = await bx(["order_status", taskId], { OSPAB_API_TOKEN: adminToken });
    assert.equal(r.code, 1, JSON.stringify(r.json));
    assert.equal(r.json.server_password, undefined);
    assert.doesNotMatch(JSON.stringify(r.json), /Kx9/);
    assert.match(r.json.error_message, /No task found/);
    const direct = await fetch(`${panel.url}/api/integrations/bitrix/order_status?task_id=${taskId}`, { headers: { authorization: `Bearer ${adminToken}` } });
    assert.equal(direct.status, 404);
    assert.doesNotMatch(await direct.text(), /Kx9/);
    // The owner's own token still gets it.
    assert.equal((await bx(["order_status", taskId])).json.server_password, 'Kx9$root "pw"');
  });

  it("order_status reports error with the main site's reason", async () => {
    const placed = await bx(["order", String(proId)]);
    assert.equal(placed.code, 0);
    const id = placed.json.task_id;
    assert.equal((await post(panel.url, `/api/orders/${id}/fail`, { reason: "Нет свободных ресурсов" })).status, 200);
    assert.deepEqual((await bx(["order_status", id])).json, { status: "error", task_id: id, error_message: "Нет свободных ресурсов" });
  });

  it("every failure is {\"error\":1,\"error_message\":...} with exit 1", async () => {
    await failsWith(["order_status", "999999"], /No task found/);
    await failsWith(["order_status", "abc"], /No task found/);
    await failsWith(["order_status"], /order_status needs a task id/);
    await failsWith(["order"], /order needs a configuration id/);
    await failsWith(["order", "nonsense"], /Unknown configuration "nonsense"/);
    await failsWith(["order", "999999-1"], /Unknown configuration/);
    await failsWith(["reboot"], /unknown command "reboot"/);
    await failsWith([], /no command/);
    await failsWith(["help"], /Invalid, expired or revoked API token/, { OSPAB_API_TOKEN: "osp_wrong-token-000000000000000000000" });
    const reader = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"]);
    await failsWith(["configs"], /lacks the orders:write scope/, { OSPAB_API_TOKEN: reader });
    await failsWith(["help"], /unexpected answer from the panel \(HTTP 404\)/, { OSPAB_PANEL_URL: `${panel.url}/nothing-here` });
    // Another client's task is not found for this token.
    const taskId = await placeOrder();
    const janeToken = await issueToken(panel.url, "jane", "client2-demo-pass", ["orders:write"]);
    await failsWith(["order_status", taskId], /No task found/, { OSPAB_API_TOKEN: janeToken });
    // No settings at all: order and order_status fail naming what is missing (help and
    // configs say "disabled": the next test).
    const bare = installBitrixPlugin("ospabvps", null);
    await failsWith(["order", `${proId}-1`], /OSPAB_PANEL_URL is not set .*\/opt\/webdir\/providers\/ospabvps\/etc\/ospabvps\.conf/, {}, bare.program);
    await failsWith(["order_status", "1"], /OSPAB_PANEL_URL is not set/, {}, bare.program);
  });

  it("a plugin without settings answers help and configs with \"status\":\"disabled\", naming what is missing on stderr", async () => {
    const bare = installBitrixPlugin("ospabvps", null);
    for (const command of ["help", "configs"])
      await disabled([command], /^ospabvps: provider disabled: OSPAB_PANEL_URL is not set .*\/opt\/webdir\/providers\/ospabvps\/etc\/ospabvps\.conf/, {}, bare.program);
    const urlOnly = installBitrixPlugin("ospaburl", { OSPAB_PANEL_URL: panel.url });
    for (const command of ["help", "configs"]) await disabled([command], /OSPAB_API_TOKEN is not set/, {}, urlOnly.program);
    await failsWith(["order", `${proId}-1`], /OSPAB_API_TOKEN is not set/, {}, urlOnly.program);
    // Settings from the environment alone are settings.
    const r = await bx(["help"], { OSPAB_PANEL_URL: panel.url, OSPAB_API_TOKEN: token }, urlOnly.program);
    assert.deepEqual([r.code, r.json.status], [0, "enabled"]);
  });

  it("another provider name works the same from its own etc/<name>.conf", async () => {
    // A task of its own, finished by the main site.
    const taskId = await placeOrder();
    const { order } = await (await client.fetch(`/api/orders/${taskId}`)).json();
    const created = await sync(panel.url, { action: "create", vps: { user_id: order.user_id, name: `bx-other-${taskId}`, cpu: 2, ram: 4096, disk: 60, os: "Debian 12", order_id: Number(taskId) } });
    assert.equal(created.status, 201, created.text);
    await sync(panel.url, { action: "update", vps: { id: created.json.vps.id, status: "running", ip_address: "203.0.113.45", root_password: "Other-root-pw1" } });
    const { program: other } = installBitrixPlugin("myhost", { OSPAB_PANEL_URL: `"${panel.url}"`, OSPAB_API_TOKEN: `'${token}'` });
    const r = await bx(["order_status", taskId], {}, other);
    assert.equal(r.json.status, "finished");
  });

  it("with the panel down help and configs say \"status\":\"disabled\", order and order_status answer an error; each says why", async () => {
    await panel.kill();
    const unreachable = new RegExp(`panel unreachable at ${panel.url.replace(/[.]/g, "\\.")}`);
    for (const args of [["help"], ["configs"]]) await disabled(args, unreachable);
    for (const args of [["order", `${proId}-1`], ["order_status", "1"]]) await failsWith(args, unreachable);
  });
});

describe("1C-Bitrix providers plugin on a panel with BITRIX_ENABLED=0", () => {
  let panel: Panel;
  let program: string;
  let token: string;

  before(async () => {
    panel = await startPanel({ env: { BITRIX_ENABLED: "0" } });
    token = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["orders:write"], "bitrix");
    ({ program } = installBitrixPlugin("ospab", { OSPAB_PANEL_URL: panel.url, OSPAB_API_TOKEN: token }));
  });
  after(async () => {
    await panel?.stop();
  });

  it("the panel answers help and configs with \"status\":\"disabled\"; order and order_status are refused", async () => {
    for (const command of ["help", "configs"]) {
      const r = await runProgram(program, [command]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, "");
      const expected = command === "help" ? { options: ["help", "configs", "order", "order_status"], status: "disabled" } : { configurations: [], status: "disabled" };
      assert.deepEqual(JSON.parse(r.stdout), expected);
      // The panel says so itself (not the plugin's fallback).
      const direct = await fetch(`${panel.url}/api/integrations/bitrix/${command}`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(direct.status, 200);
      assert.deepEqual(await direct.json(), expected);
    }
    for (const args of [["order", "1-1"], ["order_status", "1"]]) {
      const r = await runProgram(program, args);
      assert.equal(r.code, 1, r.stdout);
      assert.deepEqual(JSON.parse(r.stdout), { error: 1, error_message: "The 1C-Bitrix integration is switched off on this panel (BITRIX_ENABLED=0)" });
    }
    // Nothing was ordered.
    const client = new SessionClient(panel.url);
    assert.ok(await client.signIn("client@ospab.local", "client-demo-pass"));
    const { orders } = await (await client.fetch("/api/orders")).json();
    assert.equal(orders.filter((o: { source: string }) => o.source === "bitrix").length, 0);
  });

  it("a token without orders:write is still refused (switched off is no way round the token check)", async () => {
    const reader = await issueToken(panel.url, "client@ospab.local", "client-demo-pass", ["vps:read"]);
    const r = await runProgram(program, ["help"], { OSPAB_API_TOKEN: reader });
    assert.equal(r.code, 1);
    assert.match(JSON.parse(r.stdout).error_message, /lacks the orders:write scope/);
  });
});
