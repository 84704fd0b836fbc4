import { headers } from "next/headers";
import { AccountPage } from "@/components/account/account-page";
import { SecurityEvents } from "@/components/account/security-events";
import { listOwnSecurityEvents } from "@/lib/audit/list-own-security-events";
import { currentSessionId } from "@/lib/account/current-session";
import { listAccountSessions } from "@/lib/account/list-sessions";
import { requireUser } from "@/lib/auth/session";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getTimeZone } from "@/lib/i18n/server";
import { timeZoneNames, zoneOffset } from "@/lib/i18n/time-zone";
import { getNotificationPreferences } from "@/lib/notifications/preferences";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export default async function Account() {
  // The page authorises itself: the layout above may be skipped by a client-side navigation.
  const user = await requireUser({ allow2faSetup: true });
  const db = await getDb();
  const [{ timeZone: shown }, sessions, twoFactor, events, notifications] = await Promise.all([
    getTimeZone(),
    listAccountSessions(db, user.id, await currentSessionId(await headers())),
    twoFactorStatus(db, user.id),
    listOwnSecurityEvents(db, user.id),
    getNotificationPreferences(db, user.id, Boolean(getEnv().SMTP_URL)),
  ]);
  return (
    <div className="space-y-6">
      <QueryProvider>
        <AccountPage
          profile={{
            name: user.name,
            email: user.email,
            locale: user.locale,
            timeZone: user.timeZone,
            shownZone: { zone: shown, offset: zoneOffset(shown) },
            zones: timeZoneNames().map((z) => [z, zoneOffset(z)]),
          }}
          twoFactor={twoFactor}
          sessions={sessions}
          mustSetUp2fa={user.mustSetUp2fa}
          notifications={notifications}
        />
      </QueryProvider>
      <SecurityEvents events={events} />
    </div>
  );
}
