// The seeds' curl examples, run verbatim with curl against a started panel. The only
// change is the address: the seeds say http://localhost:5050, the panel under test
// listens on a free port (and curl gets output flags appended, never edited in).
// The panel runs with NODE_ENV=test (production build, development's config rules), the
// one mode besides development that accepts the seeds' published example key.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { SEED_EXAMPLE_SYNC_KEY } from "../../lib/env";
import { SessionClient } from "../support/http";
import { startPanel, type Panel } from "../support/panel";
import { FIXTURE, seedCurls, seedCurlsFromSeeds } from "../support/seed-curls";
import { post, query } from "../support/sync";
import { readFileSync } from "node:fs";

const run = promisify(execFile);
const SEED_URL = "http://localhost:5050";

async function curl(panel: Panel, command: string): Promise<{ status: number; body: string }> {
  assert.ok(command.includes(SEED_URL), "the seed's command names the seed's address");
  const { stdout } = await run("bash", ["-c", `${command.replaceAll(SEED_URL, panel.url)} --silent --show-error --write-out '\\n%{http_code}'`]);
  const i = stdout.lastIndexOf("\n");
  return { body: stdout.slice(0, i), status: Number(stdout.slice(i + 1)) };
}

describe("the seeds' curl examples, verbatim", () => {
  let panel: Panel;
  const curls = seedCurls();
  const examples = curls["vps-sync-examples.ru.md"];
  const guide = curls["main-site-integration-guide.ru.md"];

  before(async () => {
    panel = await startPanel({ demoData: false, env: { NODE_ENV: "test", VPS_SYNC_API_KEY: SEED_EXAMPLE_SYNC_KEY } });
    // The seeds send user_id 5: the main site gets panel ids from POST /api/users/sync.
    // The first admin is id 1; four clients make ids 2..5.
    for (let n = 2; n <= 5; n++) {
      const r = await post(panel.url, "/api/users/sync", { email: `seed-client-${n}@example.com`, password: `seed-client-${n}-pass` }, { key: SEED_EXAMPLE_SYNC_KEY });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.user.id, n);
    }
  });
  after(async () => {
    await panel?.stop();
  });

  it("the committed copy of the curls matches the seed documents", (t) => {
    const fromSeeds = seedCurlsFromSeeds();
    if (!fromSeeds) return t.skip("seed documents not beside the repository; using the committed copy");
    assert.deepEqual(JSON.parse(readFileSync(FIXTURE, "utf8")), fromSeeds);
    assert.equal(examples.length, 4);
    assert.equal(guide.length, 1);
  });

  it("1. create (vps-sync-examples): 201 with the seed's response shape", async () => {
    const r = await curl(panel, examples[0]);
    assert.equal(r.status, 201, r.body);
    const json = JSON.parse(r.body);
    assert.equal(json.status, "success");
    assert.equal(json.message, "VPS synced successfully");
    assert.equal(json.vps.id, 1);
    assert.equal(json.vps.name, "test-vps-01");
    assert.equal(json.vps.status, "creating");
    assert.equal(json.vps.ram, 8192);
    assert.equal(json.vps.user_id, 5);
    assert.ok(!Number.isNaN(Date.parse(json.vps.created_at)));
  });

  it("2. update status to running", async () => {
    const r = await curl(panel, examples[1]);
    assert.equal(r.status, 200, r.body);
    const json = JSON.parse(r.body);
    assert.equal(json.status, "success");
    assert.deepEqual([json.vps.id, json.vps.status], [1, "running"]);
  });

  it("3. delete: soft delete; a repeat (the seed client retries) is 200 'already deleted', updates are 404", async () => {
    const r = await curl(panel, examples[2]);
    assert.equal(r.status, 200, r.body);
    assert.equal(JSON.parse(r.body).status, "success");
    const again = await curl(panel, examples[2]);
    assert.equal(again.status, 200, again.body);
    assert.deepEqual([JSON.parse(again.body).status, JSON.parse(again.body).message], ["success", "VPS already deleted"]);
    const update = await curl(panel, examples[1]);
    assert.equal(update.status, 404);
    assert.equal(JSON.parse(update.body).message, "VPS 1 not found");
    const [row] = await query<{ deleted_at: Date | null }>(panel.databaseUrl, "SELECT deleted_at FROM vps WHERE id = 1");
    assert.ok(row.deleted_at, "kept as a soft-deleted row");
  });

  it("the integration guide's create answers with its 'expected response'", async () => {
    const r = await curl(panel, guide[0]);
    assert.equal(r.status, 201, r.body);
    const json = JSON.parse(r.body);
    // The guide's expected body: {status, message, vps: {id, name, status, created_at}}.
    assert.deepEqual(
      { status: json.status, message: json.message, name: json.vps.name, vps_status: json.vps.status },
      { status: "success", message: "VPS synced successfully", name: "test-vps", vps_status: "creating" },
    );
    assert.equal(json.vps.id, 2);
  });

  it("every accepted change wrote its domain event", async () => {
    const events = await query<{ type: string; vps_id: number; user_id: number }>(
      panel.databaseUrl,
      "SELECT type, vps_id, user_id FROM domain_events WHERE vps_id IS NOT NULL ORDER BY id",
    );
    assert.deepEqual(
      events.map((e) => `${e.type}:${e.vps_id}:${e.user_id}`),
      ["vps.created:1:5", "vps.status_changed:1:5", "vps.deleted:1:5", "vps.created:2:5"],
    );
  });

  it("4. GET /api/vps with a client's bearer token: the placeholder is refused, a real token lists own VPS", async () => {
    const verbatim = await curl(panel, examples[3]);
    assert.equal(verbatim.status, 401);
    assert.equal(JSON.parse(verbatim.body).message, "Invalid, expired or revoked API token");

    const client = new SessionClient(panel.url);
    assert.ok(await client.signIn("seed-client-5@example.com", "seed-client-5-pass"));
    const created = await client.fetch("/api/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "seed curl", scopes: ["vps:read"] }),
    });
    assert.equal(created.status, 201);
    const { token } = await created.json();
    const r = await curl(panel, examples[3].replace("your_jwt_token_here", token.token));
    assert.equal(r.status, 200, r.body);
    assert.deepEqual(JSON.parse(r.body).vps.map((v: { id: number; name: string }) => [v.id, v.name]), [[2, "test-vps"]]);
  });
});

describe("the seeds' example key outside development", () => {
  it("a production panel refuses to start with it, naming the variable", async () => {
    await assert.rejects(
      startPanel({ demoData: false, env: { VPS_SYNC_API_KEY: SEED_EXAMPLE_SYNC_KEY } }),
      (err: Error) => {
        assert.match(err.message, /panel exited with 1/);
        assert.match(err.message, /ospab-panel: VPS_SYNC_API_KEY is the published example key/);
        assert.doesNotMatch(err.message, /ready/);
        return true;
      },
    );
  });

  it("as the previous (rotation) key too; and a key under 32 characters", async () => {
    await assert.rejects(startPanel({ demoData: false, env: { VPS_SYNC_API_KEY_PREVIOUS: SEED_EXAMPLE_SYNC_KEY } }), /published example key/);
    // The seeds' Russian placeholder is 37 characters: long enough, still published.
    await assert.rejects(
      startPanel({ demoData: false, env: { VPS_SYNC_API_KEY: "ваш_секретный_ключ_минимум_32_символа" } }),
      /ospab-panel: VPS_SYNC_API_KEY is the published example key/,
    );
    await assert.rejects(startPanel({ demoData: false, env: { VPS_SYNC_API_KEY: "too-short-key" } }), /ospab-panel: VPS_SYNC_API_KEY must be at least 32 characters/);
  });
});
