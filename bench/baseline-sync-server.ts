// The baseline for bench/sync-throughput.ts: the least a sync endpoint can do on
// node:http + pg — the same API key check (constant time), JSON parsing, and the same
// durable writes (the VPS row and its domain event) in ONE statement (a CTE), prepared
// once per connection (named statements). No framework, no ORM, no validation beyond the
// types, no idempotency, no audit row, no relay.
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const { DATABASE_URL, PORT, VPS_SYNC_API_KEY } = process.env;
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
pool.on("error", () => {});
const keyDigest = createHash("sha256").update(VPS_SYNC_API_KEY!).digest();

const CREATE = {
  name: "baseline_create",
  text: `WITH v AS (
           INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING *
         ), e AS (
           INSERT INTO domain_events (type, user_id, vps_id, payload)
           SELECT 'vps.created', v.user_id, v.id, jsonb_build_object('vps', to_jsonb(v)) FROM v
         )
         SELECT id, name, status, created_at FROM v`,
};
const UPDATE = {
  name: "baseline_update",
  text: `WITH v AS (
           UPDATE vps SET status = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING *
         ), e AS (
           INSERT INTO domain_events (type, user_id, vps_id, payload)
           SELECT 'vps.status_changed', v.user_id, v.id, jsonb_build_object('vps', to_jsonb(v)) FROM v
         )
         SELECT id, name, status, created_at FROM v`,
};

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
  try {
    const { action, vps } = JSON.parse(raw);
    const { rows } =
      action === "create"
        ? await pool.query({
            ...CREATE,
            values: [vps.user_id, vps.name, vps.status ?? "creating", vps.cpu, vps.ram, vps.disk, vps.os, vps.hypervisor ?? "proxmox"],
          })
        : await pool.query({ ...UPDATE, values: [vps.id, vps.status] });
    const row = rows[0];
    if (!row) return send(res, 404, { status: "error", message: `VPS ${vps.id} not found` });
    send(res, action === "create" ? 201 : 200, { status: "success", message: "VPS synced successfully", vps: row });
  } catch (err) {
    send(res, 500, { status: "error", message: (err as Error).message });
  }
}

http.createServer((req, res) => void handle(req, res)).listen(Number(PORT), "127.0.0.1", () => console.log("baseline ready"));
