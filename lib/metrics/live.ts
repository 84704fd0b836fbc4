// The live extension of the charts: after an ingest, the owner's and admins' sockets get
// `vps.metrics` with the new points of each VPS — throttled, at most one message per VPS
// every LIVE_EVERY_MS per process (the points in between are sent together). Never a
// domain event: samples do not go to webhooks or /ws. Sockets are reached through the
// socket.io adapter (every process's), as lib/realtime/rooms.ts does — but while no other
// panel process is known the emit stays local (as publishToSockets does), and then a VPS
// whose owner and admins have no socket here costs nothing: an ingest of 5,000 samples for
// 2,000 VPS would otherwise be 2,000 NOTIFYs through the PostgreSQL adapter (most of the
// ingest's time in bench/metrics-ingest.ts). Points are built when they are sent.
import { ADMIN_ROOM, getIo, userRoom } from "../realtime/rooms";
import type { SampleRow } from "./ingest-samples";
import { METRICS_EVENT, type MetricPoint, type MetricsLiveMessage } from "./schemas";

export const LIVE_EVERY_MS = 5_000;

const pointOf = (r: SampleRow): MetricPoint => ({
  at: new Date(r.atMs).toISOString(),
  cpu_percent: r.cpu,
  cpu_max: r.cpu,
  ram_used_mb: r.ram,
  disk_read_bps: r.diskRead,
  disk_write_bps: r.diskWrite,
  net_rx_bps: r.netRx,
  net_tx_bps: r.netTx,
});

interface Pending {
  userId: number;
  rows: SampleRow[];
  timer?: NodeJS.Timeout;
  last: number;
}
const store = globalThis as unknown as { __ospabMetricsLive?: Map<number, Pending> };
const MAX_POINTS = 120;

export function publishMetrics(written: readonly { vpsId: number; userId: number; rows: readonly SampleRow[] }[], everyMs = LIVE_EVERY_MS) {
  const io = getIo();
  if (!io) return;
  const pending = (store.__ospabMetricsLive ??= new Map<number, Pending>());
  const rooms = io.of("/").adapter.rooms;
  for (const w of written) {
    const p = pending.get(w.vpsId) ?? { userId: w.userId, rows: [], last: 0 };
    pending.set(w.vpsId, p);
    p.userId = w.userId;
    for (const r of w.rows) p.rows.push(r);
    if (p.rows.length > MAX_POINTS) p.rows.splice(0, p.rows.length - MAX_POINTS);
    if (p.timer) continue;
    const fire = async () => {
      p.timer = undefined;
      p.last = Date.now();
      const rows = p.rows;
      p.rows = [];
      if (rows.length === 0) return;
      const alone = (await io.of("/").adapter.serverCount()) <= 1;
      const user = userRoom(p.userId);
      if (alone && !rooms.get(user)?.size && !rooms.get(ADMIN_ROOM)?.size) return;
      const points = rows.sort((a, b) => a.atMs - b.atMs).map(pointOf);
      const message: MetricsLiveMessage = { vps_id: w.vpsId, points };
      (alone ? io.local : io).to(user).to(ADMIN_ROOM).emit(METRICS_EVENT, message);
    };
    const wait = p.last + everyMs - Date.now();
    if (wait <= 0) void fire();
    else {
      p.timer = setTimeout(() => void fire(), wait);
      p.timer.unref();
    }
  }
}
