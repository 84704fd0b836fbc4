"use client";
import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import type { Locale } from "@/lib/i18n/config";
import { FORMATS } from "@/lib/i18n/date-formats";
import type { Messages } from "@/lib/i18n/messages";

/** The messages a subtree's client components read (a nested provider replaces, never merges),
 *  with the request's time zone (the server's render and the browser's agree) and the named
 *  date formats. */
export function MessagesProvider({ locale, timeZone, messages, children }: { locale: Locale; timeZone: string; messages: Partial<Messages>; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={timeZone} formats={FORMATS}>
      {children}
    </IntlProvider>
  );
}
