// Each user's time zone: the one saved on the account page (users.time_zone),
// else the browser's own zone (a cookie the page sets, lib/i18n/time-zone-cookie.tsx),
// else DEFAULT_TIME_ZONE. Browser-safe; the server resolves it once per request
// (lib/i18n/server.ts) and hands it to the client, so both render the same times.
export const TIME_ZONE_COOKIE = "ospab_tz";
export const FALLBACK_TIME_ZONE = "Europe/Moscow";

let zones: ReadonlySet<string> | undefined;

/** The IANA zones this runtime knows (Intl.supportedValuesOf), plus "UTC", sorted. */
export function timeZoneNames(): readonly string[] {
  return [...zoneSet()].sort();
}

function zoneSet(): ReadonlySet<string> {
  if (!zones) zones = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return zones;
}

const accepted = new Set<string>();
// Intl matches zone names case-insensitively, so "the aliases Intl knows" are unbounded in
// spelling (eUrOpE/mOsCoW…): anyone can send such a cookie. Beyond this many, an alias is
// checked again each time instead of remembered.
const MAX_ACCEPTED = 500;

/** A name from the list itself (what the account page offers and saves). */
export function isListedTimeZone(v: unknown): v is string {
  return typeof v === "string" && zoneSet().has(v);
}

/** A zone Intl can show times in: a listed IANA name or one of its aliases (a browser may
 *  report Asia/Kolkata where this runtime lists Asia/Calcutta). */
export function isTimeZone(v: unknown): v is string {
  if (typeof v !== "string" || v.length === 0 || v.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(v)) return false;
  if (zoneSet().has(v) || accepted.has(v)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: v });
  } catch {
    return false;
  }
  if (accepted.size < MAX_ACCEPTED) accepted.add(v);
  return true;
}

export type TimeZoneSource = "user" | "browser" | "default";

/** The zone to show a user's times in: their choice, else their browser's, else the default. */
export function resolveTimeZone(user: string | null | undefined, browser: string | null | undefined, fallback: string): { timeZone: string; source: TimeZoneSource } {
  if (isTimeZone(user)) return { timeZone: user, source: "user" };
  if (isTimeZone(browser)) return { timeZone: browser, source: "browser" };
  return { timeZone: isTimeZone(fallback) ? fallback : FALLBACK_TIME_ZONE, source: "default" };
}

// One formatter per zone (an Intl.DateTimeFormat costs far more to build than to use; the
// account page lists every zone). Bounded by the zones the runtime knows.
const OFFSET_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** "GMT+3", "GMT+5:30", "GMT" (the zone's offset at `at`). */
export function zoneOffset(timeZone: string, at: Date = new Date()): string {
  if (!isTimeZone(timeZone)) return timeZone;
  let f = OFFSET_FORMATS.get(timeZone);
  if (!f) OFFSET_FORMATS.set(timeZone, (f = new Intl.DateTimeFormat("en", { timeZone, timeZoneName: "shortOffset" })));
  return f.formatToParts(at).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}
