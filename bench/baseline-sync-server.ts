// The baseline for bench/sync-throughput.ts: the least a sync endpoint can do on
// node:http + pg — the same API key check (constant time), JSON parsing, and the same
// durable writes (the VPS row and its domain event) in ONE statement (a CTE), prepared
// once per connection (named statements). No framework, no ORM, no validation beyond the
// types, no idempotency, no audit row, no relay.
//
// BASELINE_FULL=1 (sync-throughput.ts --baseline=full): also the other durable rows the
// panel writes per call — the audit_log row in the same statement, and the inbound_log row
// as a second statement after the response has gone (not awaited, as the panel does it).
//
// BASELINE_GROUPED=1 (--baseline=grouped): updates are coalesced as the panel coalesces them
// (lib/utils/coalescer.ts, the same limits): those that arrive while earlier ones are being
// written go together as one statement over a jsonb recordset. The baseline at its best, to
// tell what the panel's coalescing buys from what the rest of the panel costs.
import { createHash, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";
import { Coalescer } from "../lib/utils/coalescer";

const { DATABASE_URL, PORT, VPS_SYNC_API_KEY } = process.env;
const FULL = process.env.BASELINE_FULL === "1";
const GROUPED = process.env.BASELINE_GROUPED === "1";
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
pool.on("error", () => {});
const keyDigest = createHash("sha256").update(VPS_SYNC_API_KEY!).digest();

const AUDIT = (action: string) => `, a AS (
           INSERT INTO audit_log (actor_type, actor_label, client_address, request_id, action, target_type, target_id, details, created_at)
           SELECT 'machine'::"AuditActorType", 'main site', '127.0.0.1', gen_random_uuid()::text, '${action}', 'vps', v.id::text,
                  jsonb_build_object('status', v.status), now() FROM v
         )`;
const INBOUND = {
  name: "baseline_inbound",
  text: `INSERT INTO inbound_log (endpoint, method, action, vps_id, status, duration_ms, request_id, client_address)
         VALUES ('/api/vps/sync', 'POST', $1, $2, $3, $4, gen_random_uuid()::text, '127.0.0.1')`,
};

const CREATE = {
  name: "baseline_create",
  text: `WITH v AS (
           INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING *
         ), e AS (
           INSERT INTO domain_events (type, user_id, vps_id, payload)
           SELECT 'vps.created', v.user_id, v.id, jsonb_build_object('vps', to_jsonb(v)) FROM v
         )${FULL ? AUDIT("vps.created") : ""}
         SELECT id, name, status, created_at FROM v`,
};
const UPDATE = {
  name: "baseline_update",
  text: `WITH v AS (
           UPDATE vps SET status = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING *
         ), e AS (
           INSERT INTO domain_events (type, user_id, vps_id, payload)
           SELECT 'vps.status_changed', v.user_id, v.id, jsonb_build_object('vps', to_jsonb(v)) FROM v
         )${FULL ? AUDIT("vps.updated") : ""}
         SELECT id, name, status, created_at FROM v`,
};

const UPDATE_GROUP = {
  name: "baseline_update_group",
  text: `WITH i AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(id int, status "VpsStatus", k int) WHERE i.k BETWEEN 1 AND 64
         ), v AS (
           UPDATE vps SET status = i.status, updated_at = now() FROM i WHERE vps.id = i.id AND deleted_at IS NULL RETURNING vps.*, i.k
         ), e AS (
           INSERT INTO domain_events (type, user_id, vps_id, payload)
           SELECT 'vps.status_changed', v.user_id, v.id, jsonb_build_object('vps', to_jsonb(v) - 'k') FROM v
         )${FULL ? AUDIT("vps.updated") : ""}
         SELECT k, id, name, status, created_at FROM v`,
};
type Row = { id: number; name: string; status: string; created_at: Date };
const groups = new Coalescer<{ id: number; status: string }, Row | undefined>({
  maxInFlight: 3,
  maxBatch: 64,
  key: (u) => String(u.id),
  run: async (items) => {
    if (items.length === 1) return [(await pool.query<Row>({ ...UPDATE, values: [items[0]!.id, items[0]!.status] })).rows[0]];
    const { rows } = await pool.query<Row & { k: number }>({ ...UPDATE_GROUP, values: [JSON.stringify(items.map((u, i) => ({ ...u, k: i + 1 })))] });
    const out: (Row | undefined)[] = new Array(items.length).fill(undefined);
    for (const { k, ...r } of rows) out[k - 1] = r;
    return out;
  },
});

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const started = performance.now();
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
        : GROUPED
          ? { rows: [await groups.submit({ id: vps.id, status: vps.status })] }
          : await pool.query({ ...UPDATE, values: [vps.id, vps.status] });
    const row = rows[0];
    const status = row ? (action === "create" ? 201 : 200) : 404;
    if (!row) send(res, 404, { status: "error", message: `VPS ${vps.id} not found` });
    else send(res, status, { status: "success", message: "VPS synced successfully", vps: row });
    if (FULL) pool.query({ ...INBOUND, values: [action, row?.id ?? null, status, Math.round(performance.now() - started)] }).catch(() => {});
  } catch (err) {
    send(res, 500, { status: "error", message: (err as Error).message });
  }
}

http.createServer((req, res) => void handle(req, res)).listen(Number(PORT), "127.0.0.1", () => console.log("baseline ready"));
