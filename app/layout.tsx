import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { MessagesProvider } from "@/components/providers";
import { TimeZoneCookie } from "@/components/time-zone-cookie";
import { ROOT_NAMESPACES } from "@/lib/i18n/client-messages";
import { pickMessages } from "@/lib/i18n/messages";
import { getI18n } from "@/lib/i18n/server";
import "./globals.css";

// Every page depends on the signed-in user and their language.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "ospab panel", description: "VPS control panel" };
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, messages, timeZone, timeZoneSource } = await getI18n();
  return (
    <html lang={locale}>
      <body>
        <MessagesProvider locale={locale} timeZone={timeZone} messages={pickMessages(messages, ROOT_NAMESPACES)}>{children}</MessagesProvider>
        <TimeZoneCookie rendered={timeZone} chosen={timeZoneSource === "user"} />
      </body>
    </html>
  );
}
