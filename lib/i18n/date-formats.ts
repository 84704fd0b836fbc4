// The panel's named date formats, one set for every page (server and client), the
// notification emails and the charts. Browser-safe. Components name a format
// (format.dateTime(d, "dateTime")) instead of spelling out options: the same moment reads
// the same way everywhere, and every time of day carries its zone's offset ("GMT+3"; the
// offset, not a zone abbreviation, because browsers and Node name zones differently —
// "МСК" in one, "GMT+3" in the other — and the server's render must match the client's).
import type { Formats } from "use-intl";

export const DATE_TIME_FORMATS = {
  /** A day: "6 дек. 2026 г." / "Dec 6, 2026". */
  date: { day: "numeric", month: "short", year: "numeric" },
  /** A day and minutes with the zone: "6 дек. 2026 г., 06:41 GMT+3" / "Dec 6, 2026, 06:41 AM GMT+3". */
  dateTime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "shortOffset" },
  /** Logs, to the second: "06.12.2026, 06:41:07 GMT+3" / "12/06/2026, 06:41:07 AM GMT+3". */
  precise: { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "shortOffset" },
  /** A calendar month (traffic notices): "ноябрь 2026 г." / "November 2026". */
  month: { month: "long", year: "numeric" },
  // Chart axis ticks: compact, the zone is shown once beside the chart.
  tickTime: { hour: "2-digit", minute: "2-digit" },
  tickDay: { day: "numeric", month: "short" },
  tickWeekday: { weekday: "short", day: "numeric" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateTimeFormatName = keyof typeof DATE_TIME_FORMATS;

/** use-intl's `formats` (IntlProvider, createFormatter). Its option type predates
 *  `timeZoneName: "shortOffset"` (ES2021, in Node 20 and every current browser). */
export const FORMATS = { dateTime: DATE_TIME_FORMATS } as unknown as Formats;
