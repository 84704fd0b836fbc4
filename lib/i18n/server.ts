// The request's locale and translator for server components: the signed-in user's saved
// choice, else the locale cookie, else Russian.
import { cookies } from "next/headers";
import { createFormatter, createTranslator } from "use-intl/core";
import { getSessionUser } from "../auth/session";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, TIME_ZONE, type Locale } from "./config";
import { MESSAGES } from "./messages";

export async function getLocale(): Promise<Locale> {
  const user = await getSessionUser();
  if (user && isLocale(user.locale)) return user.locale;
  const c = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(c) ? c : DEFAULT_LOCALE;
}

export async function getI18n() {
  const locale = await getLocale();
  const messages = MESSAGES[locale];
  return {
    locale,
    messages,
    t: createTranslator({ locale, messages }),
    format: createFormatter({ locale, timeZone: TIME_ZONE }),
  };
}
