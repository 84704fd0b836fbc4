import type { Metadata } from "next";
import { NotificationsPage } from "@/components/notifications/notifications-page";
import { requireUser } from "@/lib/auth/session";
import { getI18n } from "@/lib/i18n/server";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: `${t("notifications.title")} — ospab panel` };
}

// The list reads /api/notifications itself (the caller's own rows only).
export default async function Page() {
  await requireUser();
  return <QueryProvider><NotificationsPage /></QueryProvider>;
}
