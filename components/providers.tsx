"use client";
import type { ReactNode } from "react";
import { IntlProvider } from "use-intl";
import type { Locale } from "@/lib/i18n/config";
import { TIME_ZONE } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";

/** The messages a subtree's client components read (a nested provider replaces, never merges). */
export function MessagesProvider({ locale, messages, children }: { locale: Locale; messages: Partial<Messages>; children: ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
      {children}
    </IntlProvider>
  );
}
