// The inbound log's batch queue in a running panel: rows of calls answered right before a
// SIGTERM are written before the process exits, and a full queue drops rows with a counted
// warning instead of growing (a queue held back by a long flush interval, capped at 50).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startPanel, TEST_SYNC_KEY } from "../support/panel";
import { query } from "../support/sync";

const refused = (url: string) =>
  fetch(`${url}/api/vps/sync`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "wrong-key-wrong-key-wrong-key-wrong-key-00" },
    body: JSON.stringify({ action: "update", vps: { id: 1, status: "running" } }),
  });
const rows = async (databaseUrl: string) => (await query<{ n: number }>(databaseUrl, "SELECT count(*)::int AS n FROM inbound_log"))[0].n;

describe("inbound log batch queue", () => {
  it("rows of calls answered just before SIGTERM are in the database after exit", async () => {
    // A flush interval far longer than the test: only the shutdown flush can write them.
    const panel = await startPanel({ demoData: false, env: { INBOUND_LOG_FLUSH_MS: "600000", INBOUND_LOG_BATCH: "100000" } });
    try {
      const answers = await Promise.all(Array.from({ length: 300 }, () => refused(panel.url)));
      assert.ok(answers.every((r) => r.status === 401));
      assert.equal(await rows(panel.databaseUrl), 0, "nothing written before the interval");
      await panel.kill("SIGTERM");
      assert.equal(await rows(panel.databaseUrl), 300);
    } finally {
      await panel.stop();
    }
  });

  it("a full queue drops rows, counts them and warns once; what it kept is written", async () => {
    const panel = await startPanel({ demoData: false, env: { INBOUND_LOG_FLUSH_MS: "600000", INBOUND_LOG_BATCH: "100000", INBOUND_LOG_MAX_PENDING: "50" } });
    try {
      for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: 30 }, () => refused(panel.url)));
      await panel.kill("SIGTERM");
      assert.equal(await rows(panel.databaseUrl), 50);
      const warnings = panel.logs().split("\n").filter((l) => l.includes("inbound log: queue full"));
      assert.ok(warnings.length >= 1 && warnings.length <= 2, warnings.join("\n"));
      const dropped = warnings.reduce((n, l) => n + Number(JSON.parse(l).dropped), 0);
      assert.equal(dropped, 70);
      assert.doesNotMatch(panel.logs(), new RegExp(TEST_SYNC_KEY));
    } finally {
      await panel.stop();
    }
  });
});
