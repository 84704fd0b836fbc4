// The BILLmanager ShellScripts module run exactly as BILLmanager runs it: each script is
// executed with BILLmanager's arguments (any order, addons included), settings from the
// environment or panel.env beside the scripts, stdout read as BILLmanager reads it (first
// line starting with OK), and every failure path ends with a non-zero exit and a message.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { SessionClient } from "../support/http";
import { startPanel, TEST_SYNC_KEY, type Panel } from "../support/panel";
import { installBillmanagerScripts, parseBillmanagerOutput, runProgram } from "../support/scripts";
import { query } from "../support/sync";

describe("BILLmanager ShellScripts module", () => {
  let panel: Panel;
  let dir: string;
  let env: Record<string, string>;
  const run = (script: string, args: string[], extra: Record<string, string> = {}) => runProgram(path.join(dir, script), args, { ...env, ...extra });
  const vpsOf = async (login: string, password: string) => {
    const c = new SessionClient(panel.url);
    assert.ok(await c.signIn(login, password), `sign in as ${login}`);
    return (await (await c.fetch("/api/vps")).json()).vps as { id: number; name: string; status: string; cpu: number; ram: number; disk: number; os: string }[];
  };
  const vpsCount = async () => (await query<{ n: number }>(panel.databaseUrl, "SELECT count(*)::int AS n FROM vps"))[0].n;

  before(async () => {
    panel = await startPanel();
    dir = installBillmanagerScripts();
    env = { OSPAB_PANEL_URL: panel.url, VPS_SYNC_API_KEY: TEST_SYNC_KEY, OSPAB_RETRIES: "0" };
  });
  after(async () => {
    await panel?.stop();
  });

  /** A service of its own for each test: open.sh for a fresh BILLmanager id and login. */
  let nextService = 4800;
  async function openService() {
    const n = nextService++;
    const login = `bm${n}`;
    const password = `Pass-${n}-word`;
    const r = await run("open.sh", [`--user=${login}`, `--password=${password}`, `--id=${n}`, "--cpu=2", "--ram=2048", "--disk=40", "--os=Ubuntu 22.04 LTS"]);
    assert.equal(r.code, 0, r.stderr);
    const id = parseBillmanagerOutput(r.stdout)!.id;
    return { id, n, login, password };
  }

  it("open.sh creates the client and the VPS and prints OK --id=... --username=... (never the password)", async () => {
    // Arguments in BILLmanager's style and in no particular order, with addons the panel ignores.
    const r = await run("open.sh", [
      "--ostempl=ignored",
      "--disk=40",
      "--password=Ek7-pass 'quoted' \"x\"",
      "--cpu=2",
      "--id=4711",
      "--addon_ip=1",
      "--os=Ubuntu 22.04 LTS",
      "--user=bm4711",
      "--ram=2048",
      "--domain=сайт-клиента.рф",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("\n").filter(Boolean).length, 1, "exactly one line");
    const out = parseBillmanagerOutput(r.stdout);
    assert.ok(out, r.stdout);
    assert.match(out.id, /^\d+$/);
    assert.equal(out.username, "bm4711");
    // BILLmanager keeps the password it generated: the answer never carries it.
    assert.equal(r.stdout, `OK --id=${out.id} --username=bm4711\n`);
    assert.doesNotMatch(r.stdout, /password|Ek7/);
    const serviceId = out.id;

    // --user/--password are the client's panel login; the VPS is theirs, as ordered.
    const vps = await vpsOf("bm4711", "Ek7-pass 'quoted' \"x\"");
    assert.equal(vps.length, 1);
    assert.deepEqual(
      { id: String(vps[0].id), name: vps[0].name, status: vps[0].status, cpu: vps[0].cpu, ram: vps[0].ram, disk: vps[0].disk, os: vps[0].os },
      { id: serviceId, name: "сайт-клиента.рф", status: "creating", cpu: 2, ram: 2048, disk: 40, os: "Ubuntu 22.04 LTS" },
    );
  });

  it("a re-run of open.sh for the same service answers with the same VPS", async () => {
    const service = await openService();
    const before = await vpsCount();
    const r = await run("open.sh", [`--user=${service.login}`, `--password=${service.password}`, `--id=${service.n}`, "--cpu=2", "--ram=2048", "--disk=40", "--os=Ubuntu 22.04 LTS"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(parseBillmanagerOutput(r.stdout)?.id, service.id);
    assert.equal(await vpsCount(), before);
  });

  it("open.sh never takes over an account BILLmanager did not create: refused, nothing changes", async () => {
    const before = await vpsCount();
    const hashes = async () => await query<{ id: number; password_hash: string }>(panel.databaseUrl, "SELECT id, password_hash FROM users ORDER BY id");
    const hashesBefore = await hashes();
    const tariff = ["--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"];
    const attempts = [
      ["--user=jane", "--password=Taken-over-1", "--id=4790"], // the main site's client, by login
      ["--user=client@ospab.local", "--password=Taken-over-2", "--id=4791"], // by email as login
      ["--user=bm4792", "--password=Taken-over-3", "--id=4792", "--email=client@ospab.local"], // by the email parameter
    ];
    for (const a of attempts) {
      const r = await run("open.sh", [...a, ...tariff]);
      assert.equal(r.code, 1, `${a.join(" ")}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, /^ospab open: .*belongs to a panel account BILLmanager did not create; BILLmanager never takes over an existing account/);
    }
    // Nothing changed: no VPS, no user, no password.
    assert.equal(await vpsCount(), before);
    assert.deepEqual(await hashes(), hashesBefore);
    assert.equal((await query(panel.databaseUrl, "SELECT 1 FROM users WHERE username = 'bm4792'")).length, 0);
    assert.ok(await new SessionClient(panel.url).signIn("jane", "client2-demo-pass"), "jane's own password still works");
    assert.equal(await new SessionClient(panel.url).signIn("jane", "Taken-over-1"), false);
  });

  it("a second service for an account BILLmanager created goes to that account", async () => {
    const tariff = ["--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"];
    const first = await run("open.sh", ["--user=bm4720", "--password=Own-account-1", "--id=4720", ...tariff]);
    assert.equal(first.code, 0, first.stderr);
    const second = await run("open.sh", ["--user=bm4720", "--password=Own-account-1", "--id=4721", ...tariff]);
    assert.equal(second.code, 0, second.stderr);
    const ids = [parseBillmanagerOutput(first.stdout)?.id, parseBillmanagerOutput(second.stdout)?.id];
    assert.notEqual(ids[0], ids[1]);
    assert.deepEqual((await vpsOf("bm4720", "Own-account-1")).map((v) => String(v.id)).sort(), [...ids].sort());
    // Another login cannot re-open (and so claim) that service.
    const claim = await run("open.sh", ["--user=bm4722", "--password=Own-account-2", "--id=4721", ...tariff]);
    assert.equal(claim.code, 1, claim.stdout);
    assert.match(claim.stderr, /already open for another login/);
    assert.equal((await query(panel.databaseUrl, "SELECT 1 FROM users WHERE username = 'bm4722'")).length, 0);
  });

  it("parameter names and the RAM unit come from panel.env beside the scripts; the environment wins over it", async () => {
    const serviceId = (await openService()).id;
    writeFileSync(
      path.join(dir, "panel.env"),
      [
        "# settings for the test",
        `OSPAB_PANEL_URL="${panel.url}"`,
        `export VPS_SYNC_API_KEY='${TEST_SYNC_KEY}'`,
        "OSPAB_PARAM_CPU=vcpu",
        "OSPAB_PARAM_RAM=memory",
        "OSPAB_RAM_UNIT=GB",
        "OSPAB_PARAM_DISK=hdd",
        "OSPAB_DEFAULT_OS=Debian 12",
        "OSPAB_RETRIES=0",
        "",
      ].join("\r\n"),
      { mode: 0o600 },
    );
    // Only PATH in the environment: everything else from panel.env.
    const r = await runProgram(path.join(dir, "open.sh"), ["--user=bm4712", "--password=Second-pass1", "--id=4712", "--vcpu=4", "--memory=8", "--hdd=80"]);
    assert.equal(r.code, 0, r.stderr);
    const vps = await vpsOf("bm4712", "Second-pass1");
    assert.deepEqual({ cpu: vps[0].cpu, ram: vps[0].ram, disk: vps[0].disk, os: vps[0].os }, { cpu: 4, ram: 8192, disk: 80, os: "Debian 12" });
    // A wrong URL in the environment beats the right one in panel.env.
    const overridden = await runProgram(path.join(dir, "suspend.sh"), [`--id=${serviceId}`], { OSPAB_PANEL_URL: "http://127.0.0.1:9" });
    assert.equal(overridden.code, 2);
    assert.match(overridden.stderr, /panel unreachable/);
    rmSync(path.join(dir, "panel.env"));
  });

  it("suspend.sh, resume.sh and setparam.sh ask the main site (no main site here: the requests stay pending); each can be repeated", async () => {
    const service = await openService();
    const serviceId = service.id;
    const login = [service.login, service.password] as const;
    const outs = [];
    for (let i = 0; i < 2; i++) {
      const s = await run("suspend.sh", [`--id=${serviceId}`, `--user=${service.login}`]);
      assert.equal(s.code, 0, s.stderr);
      assert.match(s.stdout, new RegExp(`^OK --id=${serviceId} --request_id=\\d+ --request_status=pending${i ? " --already=requested" : ""}\\n$`));
      outs.push(parseBillmanagerOutput(s.stdout)!.request_id);
    }
    assert.equal(outs[0], outs[1], "a retry answers with the same request");
    // Suspended at once, without waiting for the main site.
    assert.equal((await vpsOf(...login))[0].status, "suspended");
    for (let i = 0; i < 2; i++) {
      const r = await run("resume.sh", [`--user=${service.login}`, `--id=${serviceId}`]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(parseBillmanagerOutput(r.stdout)?.request_status, "pending");
    }
    // Resume waits for the main site's report: still suspended.
    assert.equal((await vpsOf(...login))[0].status, "suspended");
    const p = await run("setparam.sh", [`--id=${serviceId}`, `--user=${service.login}`, "--cpu=4", "--ram=4096", "--disk=60", "--addon_backup=2"]);
    assert.equal(p.code, 0, p.stderr);
    assert.equal(parseBillmanagerOutput(p.stdout)?.request_status, "pending");
    assert.deepEqual((({ cpu, ram, disk }) => ({ cpu, ram, disk }))((await vpsOf(...login))[0]), { cpu: 2, ram: 2048, disk: 40 });
    const requests = await query<{ action: string; status: string; params: unknown }>(
      panel.databaseUrl,
      "SELECT action::text, status::text, params FROM vps_action_requests WHERE vps_id = $1 ORDER BY id",
      [Number(serviceId)],
    );
    assert.deepEqual(requests, [
      { action: "suspend", status: "pending", params: {} },
      { action: "resume", status: "pending", params: {} },
      { action: "resize", status: "pending", params: { cpu: 4, ram: 4096, disk: 60 } },
    ]);
  });

  it("every failure exits non-zero with a one-line message on stderr and changes nothing", async () => {
    const serviceId = (await openService()).id;
    const before = await vpsCount();
    const cases: [string, string[], Record<string, string>, number, RegExp][] = [
      ["open.sh", ["--user=bm1", "--password=Pass-word1", "--cpu=abc", "--ram=1024", "--disk=10", "--os=Debian 12"], {}, 1, /Bad value for cpu \(--cpu=abc\)/],
      ["open.sh", ["--user=bm1", "--password=Pass-word1", "--cpu=1", "--ram=64", "--disk=10", "--os=Debian 12"], {}, 1, /Bad value for ram/],
      ["open.sh", ["--user=bm1", "--password=Pass-word1", "--cpu=1", "--disk=10", "--os=Debian 12"], {}, 1, /Missing parameter --ram=/],
      ["open.sh", ["--password=Pass-word1", "--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"], {}, 1, /Missing parameter --user=/],
      ["open.sh", ["--user=bm1", "--password=short", "--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"], {}, 1, /password must be at least 6 characters/],
      ["open.sh", ["--user=admin", "--password=Pass-word1", "--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"], {}, 1, /administrator/],
      ["suspend.sh", ["--id=999999"], {}, 1, /Unknown service id 999999/],
      ["resume.sh", ["--id=abc"], {}, 1, /Bad value for id/],
      ["close.sh", [], {}, 1, /Missing parameter --id=/],
      ["setparam.sh", [`--id=${serviceId}`, "--cpu=0"], {}, 1, /Bad value for cpu/],
      ["suspend.sh", [`--id=${serviceId}`, "--user=someone-else"], {}, 1, /belongs to another login/],
      ["suspend.sh", [`--id=${serviceId}`], { VPS_SYNC_API_KEY: "wrong-key-wrong-key-wrong-key-wrong-key" }, 1, /refused the API key.*VPS_SYNC_API_KEY/],
      ["suspend.sh", [`--id=${serviceId}`], { OSPAB_PANEL_URL: "" }, 3, /OSPAB_PANEL_URL is not set/],
      ["suspend.sh", [`--id=${serviceId}`], { OSPAB_PANEL_URL: "panel.example.com" }, 3, /must start with http/],
      ["suspend.sh", [`--id=${serviceId}`], { OSPAB_PANEL_URL: `${panel.url}/not-the-panel` }, 1, /unexpected answer from the panel \(HTTP 404\)/],
    ];
    // A VPS the main site created (not opened by BILLmanager) is out of the module's reach.
    const demoVps = (await query<{ id: number }>(panel.databaseUrl, "SELECT id FROM vps WHERE external_ref IS NULL LIMIT 1"))[0].id;
    cases.push(["close.sh", [`--id=${demoVps}`], {}, 1, /Unknown service id/]);
    for (const [script, args, extra, code, message] of cases) {
      const r = await run(script, args, extra);
      const label = `${script} ${args.join(" ")} ${JSON.stringify(extra)}`;
      assert.equal(r.code, code, `${label}: ${r.stderr}`);
      assert.equal(r.stdout, "", label);
      assert.equal(r.stderr.trim().split("\n").length, 1, `${label}: ${r.stderr}`);
      assert.match(r.stderr, message, label);
      assert.match(r.stderr, new RegExp(`^ospab ${script.replace(".sh", "")}: `), label);
    }
    assert.equal(await vpsCount(), before);
    assert.equal((await query(panel.databaseUrl, "SELECT 1 FROM users WHERE username = 'bm1'")).length, 0);
  });

  it("close.sh: deleting at once, gone when the main site confirms; closing again is fine, reopening the id is refused", async () => {
    const service = await openService();
    const serviceId = service.id;
    const c = await run("close.sh", [`--id=${serviceId}`, `--user=${service.login}`]);
    assert.equal(c.code, 0, c.stderr);
    const requestId = parseBillmanagerOutput(c.stdout)!.request_id;
    assert.equal((await vpsOf(service.login, service.password))[0].status, "deleting");
    // The main site's confirmation (POST /api/vps/actions/{id}) removes it.
    const report = await fetch(`${panel.url}/api/vps/actions/${requestId}`, {
      method: "POST",
      headers: { "x-api-key": TEST_SYNC_KEY, "content-type": "application/json" },
      body: JSON.stringify({ status: "completed" }),
    });
    assert.equal(report.status, 200, await report.text());
    assert.deepEqual(await vpsOf(service.login, service.password), []);
    const again = await run("close.sh", [`--id=${serviceId}`]);
    assert.equal(again.code, 0);
    assert.equal(again.stdout, `OK --id=${serviceId} --already=closed\n`);
    const s = await run("suspend.sh", [`--id=${serviceId}`]);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /is closed/);
    const reopen = await run("open.sh", [`--user=${service.login}`, `--password=${service.password}`, `--id=${service.n}`, "--cpu=2", "--ram=2048", "--disk=40", "--os=Ubuntu 22.04 LTS"]);
    assert.equal(reopen.code, 1);
    assert.match(reopen.stderr, /was closed/);
  });

  it("neither the API key nor the service password appears in curl's command line (ps would show it)", async () => {
    // A curl first on PATH that records its argv, then runs the real one.
    const bin = mkdtempSync(path.join(tmpdir(), "argv-"));
    const log = path.join(bin, "argv.log");
    writeFileSync(path.join(bin, "curl"), `#!/bin/bash\nprintf '%s\\n' "$@" >> ${log}\nexec /usr/bin/curl "$@"\n`, { mode: 0o755 });
    const r = await run("open.sh", ["--user=bm4799", "--password=Very-Secret-99", "--id=4799", "--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"], {
      PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`,
    });
    assert.equal(r.code, 0, r.stderr);
    const argv = readFileSync(log, "utf8");
    assert.match(argv, /--config/);
    assert.doesNotMatch(argv, new RegExp(TEST_SYNC_KEY));
    assert.doesNotMatch(argv, /Very-Secret-99/);
  });

  it("with the panel down every script exits 2 saying the panel is unreachable", async () => {
    await panel.kill();
    for (const script of ["open.sh", "resume.sh", "suspend.sh", "close.sh", "setparam.sh"]) {
      const r = await run(script, ["--id=1", "--user=bm9", "--password=Pass-word9", "--cpu=1", "--ram=1024", "--disk=10", "--os=Debian 12"]);
      assert.equal(r.code, 2, `${script}: ${r.stderr}`);
      assert.equal(r.stdout, "");
      assert.match(r.stderr, new RegExp(`^ospab ${script.replace(".sh", "")}: panel unreachable: connection refused at ${panel.url.replace(/[.]/g, "\\.")}`));
    }
  });
});
