// Locale-aware units. Browser-safe.
import type { Locale } from "./config";

const UNITS: Record<Locale, { mb: string; gb: string; tb: string }> = {
  ru: { mb: "МБ", gb: "ГБ", tb: "ТБ" },
  en: { mb: "MB", gb: "GB", tb: "TB" },
};

// Intl formatters are costly to build (a 1,000-VPS list formats 4,000 numbers): one per locale.
const NUMBER = new Map<Locale, Intl.NumberFormat>();

function num(locale: Locale, n: number) {
  let f = NUMBER.get(locale);
  if (!f) NUMBER.set(locale, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })));
  return f.format(n);
}

/** RAM arrives in MB (sync contract); shown in GB from 1 GB up. */
export function formatRam(locale: Locale, mb: number) {
  const u = UNITS[locale];
  return mb >= 1024 ? `${num(locale, mb / 1024)} ${u.gb}` : `${num(locale, mb)} ${u.mb}`;
}

export function formatDisk(locale: Locale, gb: number) {
  const u = UNITS[locale];
  return gb >= 1024 ? `${num(locale, gb / 1024)} ${u.tb}` : `${num(locale, gb)} ${u.gb}`;
}

/** The clock a "… ago" is told against: `now`, or `at` itself when `at` is later (a record
 *  that arrived live after the page's clock last ticked is "now", not "in 14 seconds"). */
export function agoClock(at: Date, now: Date): Date {
  return at.getTime() > now.getTime() ? at : now;
}
