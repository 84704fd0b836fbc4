// Locale-aware units of the resource graphs. Browser-safe and pure (unit-tested).
// Rates arrive in bytes per second: disk is shown in B/s–MB/s, network in bit/s–Gbit/s
// (×8), decimal prefixes as network and disk vendors use them; RAM arrives in MB and is
// shown in GB from 1,024 MB (as the VPS specs are); traffic in GB (10⁹ bytes).
import type { Locale } from "../i18n/config";

const UNITS: Record<Locale, Record<"percent" | "mb" | "gb" | "tb" | "bps" | "kbps" | "mbps" | "gbps" | "bs" | "kbs" | "mbs" | "gbs", string>> = {
  ru: { percent: "%", mb: "МБ", gb: "ГБ", tb: "ТБ", bps: "бит/с", kbps: "Кбит/с", mbps: "Мбит/с", gbps: "Гбит/с", bs: "Б/с", kbs: "КБ/с", mbs: "МБ/с", gbs: "ГБ/с" },
  en: { percent: "%", mb: "MB", gb: "GB", tb: "TB", bps: "bit/s", kbps: "kbit/s", mbps: "Mbit/s", gbps: "Gbit/s", bs: "B/s", kbs: "kB/s", mbs: "MB/s", gbs: "GB/s" },
};

const FORMATS = new Map<string, Intl.NumberFormat>();
function num(locale: Locale, n: number, digits = 1) {
  const key = `${locale}:${digits}`;
  let f = FORMATS.get(key);
  if (!f) FORMATS.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return f.format(n);
}

/** The value with the largest decimal prefix that keeps `reference` (default: the value
 *  itself; an axis passes its largest tick, so every tick has one unit) at 1 or more. */
function scaled(locale: Locale, v: number, units: readonly string[], reference = v) {
  let i = 0;
  let r = Math.abs(reference);
  while (r >= 1000 && i < units.length - 1) {
    r /= 1000;
    i++;
  }
  const x = v / 1000 ** i;
  return `${num(locale, x, Math.abs(x) < 10 && i > 0 ? 2 : 1)} ${units[i]}`;
}

export function formatPercent(locale: Locale, v: number) {
  return `${num(locale, v)} ${UNITS[locale].percent}`;
}

export function formatRamMb(locale: Locale, mb: number, reference = mb) {
  const u = UNITS[locale];
  return reference >= 1024 ? `${num(locale, mb / 1024, 2)} ${u.gb}` : `${num(locale, mb, 0)} ${u.mb}`;
}

/** The memory axis's tick steps, MB: powers of two from 128 MB, so its ticks read 0.5 GB,
 *  1 GB, 2 GB (1000-MB steps read 0.98 GB, 1.95 GB, 2.93 GB). */
export const RAM_MB_TICK_STEPS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, ...Array.from({ length: 14 }, (_, i) => 128 * 2 ** i)];

/** A disk rate in bytes per second. */
export function formatByteRate(locale: Locale, bytesPerSecond: number, reference = bytesPerSecond) {
  const u = UNITS[locale];
  return scaled(locale, bytesPerSecond, [u.bs, u.kbs, u.mbs, u.gbs], reference);
}

/** A network rate; the value is in bits per second (the sample's bytes × 8). */
export function formatBitRate(locale: Locale, bitsPerSecond: number, reference = bitsPerSecond) {
  const u = UNITS[locale];
  return scaled(locale, bitsPerSecond, [u.bps, u.kbps, u.mbps, u.gbps], reference);
}

/** Traffic in bytes, in GB (TB from 1,000 GB). */
export function formatTraffic(locale: Locale, bytes: number) {
  const u = UNITS[locale];
  const gb = bytes / 1e9;
  return gb >= 1000 ? `${num(locale, gb / 1000, 2)} ${u.tb}` : `${num(locale, gb, 2)} ${u.gb}`;
}

/** A value of a sample field (an alert's threshold or value) in that field's unit. */
export function formatMetricValue(locale: Locale, metric: string, v: number) {
  switch (metric) {
    case "cpu_percent":
      return formatPercent(locale, v);
    case "ram_used_mb":
      return formatRamMb(locale, v);
    case "disk_read_bps":
    case "disk_write_bps":
      return formatByteRate(locale, v);
    case "net_rx_bps":
    case "net_tx_bps":
      return formatBitRate(locale, v * 8);
    default:
      return num(locale, v);
  }
}
