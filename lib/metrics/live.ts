// The live extension of the charts: after an ingest, the owner's and admins' sockets get
// `vps.metrics` with the new points of each VPS — throttled, at most one message per VPS
// every LIVE_EVERY_MS per process (the points in between are sent together). Never a
// domain event: samples do not go to webhooks or /ws. Sockets are reached through the
// socket.io adapter (every process's), as lib/realtime/rooms.ts does.
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
  points: MetricPoint[];
  timer?: NodeJS.Timeout;
  last: number;
}
const store = globalThis as unknown as { __ospabMetricsLive?: Map<number, Pending> };
const MAX_POINTS = 120;

export function publishMetrics(written: readonly { vpsId: number; userId: number; rows: readonly SampleRow[] }[], everyMs = LIVE_EVERY_MS) {
  const io = getIo();
  if (!io) return;
  const pending = (store.__ospabMetricsLive ??= new Map<number, Pending>());
  for (const w of written) {
    const p = pending.get(w.vpsId) ?? { userId: w.userId, points: [], last: 0 };
    pending.set(w.vpsId, p);
    p.userId = w.userId;
    p.points.push(...w.rows.map(pointOf));
    if (p.points.length > MAX_POINTS) p.points.splice(0, p.points.length - MAX_POINTS);
    if (p.timer) continue;
    const fire = () => {
      p.timer = undefined;
      p.last = Date.now();
      const points = p.points.sort((a, b) => a.at.localeCompare(b.at));
      p.points = [];
      if (points.length === 0) return;
      const message: MetricsLiveMessage = { vps_id: w.vpsId, points };
      io.to(userRoom(p.userId)).to(ADMIN_ROOM).emit(METRICS_EVENT, message);
    };
    const wait = p.last + everyMs - Date.now();
    if (wait <= 0) fire();
    else {
      p.timer = setTimeout(fire, wait);
      p.timer.unref();
    }
  }
}
