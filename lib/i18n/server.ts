// The request's locale and translator for server components: the signed-in user's saved
// choice, else the locale cookie, else Russian.
import { cookies } from "next/headers";
import { _createCache, _createIntlFormatters, createFormatter, createTranslator } from "use-intl/core";
import { getSessionUser } from "../auth/session";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, TIME_ZONE, type Locale } from "./config";
import { MESSAGES } from "./messages";

export async function getLocale(): Promise<Locale> {
  const user = await getSessionUser();
  if (user && isLocale(user.locale)) return user.locale;
  const c = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(c) ? c : DEFAULT_LOCALE;
}

// One translator and formatter per locale for the whole process: they hold no request
// state, and their caches (parsed messages, Intl.* instances) are bounded by the messages and
// formats in use. Built per request, every render parsed its messages and constructed its
// Intl formatters again (allocation churn on every page view, issue 10).
function makeI18n(locale: Locale) {
  const messages = MESSAGES[locale];
  const cache = _createCache();
  const formatters = _createIntlFormatters(cache);
  return {
    locale,
    messages,
    t: createTranslator({ locale, messages, _cache: cache, _formatters: formatters }),
    format: createFormatter({ locale, timeZone: TIME_ZONE, _cache: cache, _formatters: formatters }),
  };
}
const BY_LOCALE = new Map<Locale, ReturnType<typeof makeI18n>>();

export async function getI18n() {
  const locale = await getLocale();
  let i18n = BY_LOCALE.get(locale);
  if (!i18n) BY_LOCALE.set(locale, (i18n = makeI18n(locale)));
  return i18n;
}
