// How each alert metric (PRODUCT.md §11) is shown and typed in: the rules and the samples
// keep the ingest's units (percent, MB, bytes per second); people read and type CPU in %,
// RAM in MB, disk in MB/s and network in Mbit/s, as the charts show them (values are shown
// with lib/metrics/format.ts formatMetricValue). Browser-safe, pure.
import { ALERT_METRICS, type AlertMetric } from "../alerts/types";

export const isAlertMetric = (v: unknown): v is AlertMetric => typeof v === "string" && (ALERT_METRICS as readonly string[]).includes(v);

/** The unit a threshold is typed in, and how many stored units one of it is. */
export const INPUT_UNITS: Record<AlertMetric, { unit: "percent" | "mb" | "mbs" | "mbps"; factor: number }> = {
  cpu_percent: { unit: "percent", factor: 1 },
  ram_used_mb: { unit: "mb", factor: 1 },
  disk_read_bps: { unit: "mbs", factor: 1e6 },
  disk_write_bps: { unit: "mbs", factor: 1e6 },
  // Network samples are bytes per second; Mbit/s is 10⁶ bits.
  net_rx_bps: { unit: "mbps", factor: 1e6 / 8 },
  net_tx_bps: { unit: "mbps", factor: 1e6 / 8 },
};

/** A typed-in threshold (in the input unit) as the rule stores it. */
export const toStoredThreshold = (metric: AlertMetric, typed: number) => typed * INPUT_UNITS[metric].factor;
/** A stored threshold in the input unit (for editing), rounded off float noise. */
export const toInputThreshold = (metric: AlertMetric, stored: number) => Math.round((stored / INPUT_UNITS[metric].factor) * 1e6) / 1e6;
