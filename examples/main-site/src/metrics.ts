// Resource samples for the simulated VPS (PRODUCT.md §11): every minute, one sample per
// running VPS to POST /api/vps/metrics — a daily pattern (busy afternoons, quiet nights in
// Moscow time), noise, and now and then a burst of a few minutes. Rates in bytes per second.
//   METRICS_EVERY_MS   how often (default 60000; 0 turns the samples off)
import type { PanelVps } from "./panel-client";

export interface MetricSample {
  vps_id: number;
  at: string;
  cpu_percent: number;
  ram_used_mb: number;
  disk_read_bps: number;
  disk_write_bps: number;
  net_rx_bps: number;
  net_tx_bps: number;
}

/** A number in [0, 1) that depends only on its inputs (the same minute gives the same sample). */
function hash01(...xs: number[]): number {
  let h = 2166136261;
  for (const x of xs) {
    h ^= x | 0;
    h = Math.imul(h, 16777619);
    h ^= h >>> 13;
  }
  return ((h >>> 0) % 1_000_000) / 1_000_000;
}

/** The sample of VPS `vps` for the minute starting at `atMs`. Pure. */
export function simulatedSample(vps: { id: number; ram: number }, atMs: number): MetricSample {
  const minute = Math.floor(atMs / 60_000);
  const hourOfDay = (((minute * 60_000) / 3_600_000 + 3) % 24 + 24) % 24; // Moscow time
  // 0 at 04:00, 1 at 16:00.
  const day = (1 - Math.cos(((hourOfDay - 4) / 24) * 2 * Math.PI)) / 2;
  const base = 5 + hash01(vps.id, 1) * 20;
  // A burst: some 10-minute windows run hot.
  const burst = hash01(vps.id, Math.floor(minute / 10), 2) > 0.93 ? 35 + hash01(vps.id, minute, 3) * 30 : 0;
  const noise = (hash01(vps.id, minute, 4) - 0.5) * 8;
  const cpu = Math.min(100, Math.max(0, base + day * 30 + burst + noise));
  const ramShare = 0.3 + 0.25 * day + hash01(vps.id, Math.floor(minute / 30), 5) * 0.1 + (burst ? 0.1 : 0);
  const load = cpu / 100;
  const mb = 1_000_000;
  return {
    vps_id: vps.id,
    at: new Date(minute * 60_000).toISOString(),
    cpu_percent: Math.round(cpu * 100) / 100,
    ram_used_mb: Math.round(vps.ram * Math.min(0.95, ramShare)),
    disk_read_bps: Math.round((0.2 + load * 6 * hash01(vps.id, minute, 6)) * mb),
    disk_write_bps: Math.round((0.1 + load * 3 * hash01(vps.id, minute, 7)) * mb),
    // Network: 0.5–25 Mbit/s in, a fifth of that out.
    net_rx_bps: Math.round(((0.5 + day * 12 + (burst ? 10 : 0)) * (0.8 + 0.4 * hash01(vps.id, minute, 8)) * mb) / 8),
    net_tx_bps: Math.round(((0.1 + day * 2.5 + (burst ? 3 : 0)) * (0.8 + 0.4 * hash01(vps.id, minute, 9)) * mb) / 8),
  };
}

interface ChangesPage {
  vps: (PanelVps & { ram: number; deleted_at: string | null })[];
  next_cursor: string | null;
}

export interface MetricsPusherOptions {
  panelUrl: string;
  apiKey: string;
  everyMs: number;
  log: (msg: string) => void;
}

/** Pushes a sample per running VPS every `everyMs`; returns a stop function. */
export function startMetricsPusher(opts: MetricsPusherOptions): () => void {
  if (opts.everyMs <= 0) return () => {};
  const base = opts.panelUrl.replace(/\/$/, "");
  const headers = { "x-api-key": opts.apiKey, "content-type": "application/json" };
  let failing = false;

  async function runningVps() {
    const out: ChangesPage["vps"] = [];
    let cursor: string | null = null;
    do {
      const url = new URL(`${base}/api/vps/sync`);
      url.searchParams.set("limit", "500");
      if (cursor) url.searchParams.set("cursor", cursor);
      const res = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
      if (!res.ok) throw new Error(`GET /api/vps/sync: HTTP ${res.status}`);
      const page = (await res.json()) as ChangesPage;
      out.push(...page.vps.filter((v) => v.deleted_at === null && v.status === "running"));
      cursor = page.next_cursor;
    } while (cursor);
    return out;
  }

  async function push() {
    try {
      const now = Date.now();
      const samples = (await runningVps()).map((v) => simulatedSample(v, now));
      for (let i = 0; i < samples.length; i += 5000) {
        const res = await fetch(`${base}/api/vps/metrics`, {
          method: "POST",
          headers,
          body: JSON.stringify({ samples: samples.slice(i, i + 5000) }),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json().catch(() => ({}))) as { accepted?: number; rejected?: unknown[]; message?: string };
        if (res.status !== 202) throw new Error(`POST /api/vps/metrics: HTTP ${res.status} ${body.message ?? ""}`);
        if (body.rejected?.length) opts.log(`metrics: ${body.rejected.length} samples rejected, e.g. ${JSON.stringify(body.rejected[0])}`);
      }
      if (failing) opts.log("metrics: pushing again");
      failing = false;
    } catch (err) {
      if (!failing) opts.log(`metrics: push failed (${(err as Error).message}); retrying every minute`);
      failing = true;
    }
  }

  void push();
  const timer = setInterval(() => void push(), opts.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
