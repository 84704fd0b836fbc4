// Resource graphs' wire shape (PRODUCT.md §11): the chart ranges, points and traffic
// month, and the live event; without zod, since the VPS page imports them. The request
// schemas are lib/metrics/schemas.ts.
export const METRIC_RANGES = ["1h", "24h", "7d", "30d", "1y"] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

/** A chart point: averages over `step_seconds` from `at`; null where no sample said. */
export interface MetricPoint {
  at: string;
  cpu_percent: number | null;
  cpu_max: number | null;
  ram_used_mb: number | null;
  disk_read_bps: number | null;
  disk_write_bps: number | null;
  net_rx_bps: number | null;
  net_tx_bps: number | null;
}

export interface MetricSeries {
  range: MetricRange;
  step_seconds: number;
  from: string;
  to: string;
  points: MetricPoint[];
}

export interface TrafficMonth {
  month: string;
  rx_bytes: number;
  tx_bytes: number;
  /** The plan's traffic_quota_gb in bytes (GB = 10⁹ bytes); null = unmetered or no plan. */
  quota_bytes: number | null;
}

/** The socket.io event the owner's and admins' pages extend their charts with. */
export const METRICS_EVENT = "vps.metrics";
export interface MetricsLiveMessage {
  vps_id: number;
  points: MetricPoint[];
}
