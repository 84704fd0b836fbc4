// The request's locale, time zone and translator for server components: the signed-in
// user's saved choice, else the cookie (the language switcher's; the browser's zone, set by
// components/time-zone-cookie.tsx), else Russian and DEFAULT_TIME_ZONE.
import { cookies } from "next/headers";
import { _createCache, _createIntlFormatters, createFormatter, createTranslator } from "use-intl/core";
import { getSessionUser } from "../auth/session";
import { getEnv } from "../env";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from "./config";
import { FORMATS } from "./date-formats";
import { MESSAGES } from "./messages";
import { resolveTimeZone, TIME_ZONE_COOKIE, type TimeZoneSource } from "./time-zone";

export async function getLocale(): Promise<Locale> {
  const user = await getSessionUser();
  if (user && isLocale(user.locale)) return user.locale;
  const c = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(c) ? c : DEFAULT_LOCALE;
}

/** The zone the request's times are shown in, and where it came from. */
export async function getTimeZone(): Promise<{ timeZone: string; source: TimeZoneSource }> {
  const user = await getSessionUser();
  const browser = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return resolveTimeZone(user?.timeZone, browser, getEnv().DEFAULT_TIME_ZONE);
}

// One translator and formatter per locale and zone for the whole process: they hold no
// request state, and their caches (parsed messages, Intl.* instances) are bounded by the
// messages and formats in use (and the map by locales × the zones users choose). Built per request, every render parsed its messages and constructed its
// Intl formatters again (allocation churn on every page view, issue 10).
function makeI18n(locale: Locale, timeZone: string, timeZoneSource: TimeZoneSource) {
  const messages = MESSAGES[locale];
  const cache = _createCache();
  const formatters = _createIntlFormatters(cache);
  return {
    locale,
    messages,
    timeZone,
    timeZoneSource,
    t: createTranslator({ locale, messages, _cache: cache, _formatters: formatters }),
    format: createFormatter({ locale, timeZone, formats: FORMATS, _cache: cache, _formatters: formatters }),
  };
}
const BY_LOCALE = new Map<string, ReturnType<typeof makeI18n>>();

export async function getI18n() {
  const [locale, { timeZone, source }] = await Promise.all([getLocale(), getTimeZone()]);
  const key = `${locale} ${timeZone} ${source}`;
  let i18n = BY_LOCALE.get(key);
  if (!i18n) BY_LOCALE.set(key, (i18n = makeI18n(locale, timeZone, source)));
  return i18n;
}
