// The baseline for bench/sync-throughput.ts: the least a sync endpoint can do on
// node:http + pg — the same API key check (constant time), JSON parsing, and the same
// writes (the VPS row and its domain event in one transaction). No framework, no ORM,
// no validation beyond the types, no idempotency, no relay.
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const { DATABASE_URL, PORT, VPS_SYNC_API_KEY } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
pool.on("error", () => {});
const keyDigest = createHash("sha256").update(VPS_SYNC_API_KEY!).digest();

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const given = createHash("sha256").update(String(req.headers["x-api-key"] ?? "")).digest();
  if (!timingSafeEqual(given, keyDigest)) return send(res, 401, { status: "error", message: "Invalid or missing API key" });
  let raw = "";
  for await (const chunk of req) raw += chunk;
  const { action, vps } = JSON.parse(raw);
  const c = await pool.connect();
  try {
    await c.query("BEGIN");
    let row;
    if (action === "create") {
      row = (
        await c.query(
          `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING *`,
          [vps.user_id, vps.name, vps.status ?? "creating", vps.cpu, vps.ram, vps.disk, vps.os, vps.hypervisor ?? "proxmox"],
        )
      ).rows[0];
      await c.query(`INSERT INTO domain_events (type, user_id, vps_id, payload) VALUES ('vps.created', $1, $2, $3)`, [row.user_id, row.id, { vps: row }]);
    } else {
      row = (await c.query(`UPDATE vps SET status = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING *`, [vps.id, vps.status])).rows[0];
      await c.query(`INSERT INTO domain_events (type, user_id, vps_id, payload) VALUES ('vps.status_changed', $1, $2, $3)`, [row.user_id, row.id, { vps: row }]);
    }
    await c.query("COMMIT");
    send(res, action === "create" ? 201 : 200, { status: "success", message: "VPS synced successfully", vps: { id: row.id, name: row.name, status: row.status, created_at: row.created_at } });
  } catch (err) {
    await c.query("ROLLBACK").catch(() => {});
    send(res, 500, { status: "error", message: (err as Error).message });
  } finally {
    c.release();
  }
}

http.createServer((req, res) => void handle(req, res)).listen(Number(PORT), "127.0.0.1", () => console.log("baseline ready"));
