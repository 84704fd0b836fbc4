import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/options";
import { MessagesProvider } from "@/components/providers";
import { AREA_NAMESPACES, type Area } from "@/lib/i18n/client-messages";
import { pickMessages } from "@/lib/i18n/messages";
import { getI18n } from "@/lib/i18n/server";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { LanguageSwitcher } from "./language-switcher";
import { NavLinks, type NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

/** `area` picks the message namespaces the pages of a route group ship to the browser. */
export async function AppShell({ user, area, children }: { user: SessionUser; area: Area; children: ReactNode }) {
  const { t, locale, messages, timeZone } = await getI18n();
  const links: NavLink[] = [
    { href: "/dashboard", label: t("nav.dashboard"), match: ["/vps"] },
    { href: "/tokens", label: t("tokens.nav") },
    { href: "/ssh-keys", label: t("sshKeys.nav") },
    { href: "/alerts", label: t("alertRules.nav") },
    { href: "/account", label: t("account.nav") },
  ];
  // Admins manage the catalogue; ordering (/orders still works for them) is the clients' page.
  if (user.role !== "admin") links.splice(1, 0, { href: "/orders", label: t("nav.orders") });
  // Until an admin required to use 2FA has turned it on, /account is the only page open.
  if (user.mustSetUp2fa) links.splice(0, links.length, { href: "/account", label: t("account.nav") });
  if (user.role === "admin")
    links.push(
      { href: "/admin", label: t("nav.admin") },
      { href: "/admin/users", label: t("adminNav.users") },
      { href: "/admin/vps", label: t("adminNav.vps") },
      { href: "/admin/orders", label: t("adminOrders.nav") },
      { href: "/admin/webhooks", label: t("webhooks.nav") },
      { href: "/admin/plans", label: t("nav.plans") },
      { href: "/admin/audit", label: t("audit.nav") },
      { href: "/admin/sync-log", label: t("syncLog.nav") },
    );

  return (
    <MessagesProvider locale={locale} timeZone={timeZone} messages={pickMessages(messages, AREA_NAMESPACES[area])}>
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow focus:outline-none focus:ring-2 focus:ring-sky-500">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3 sm:gap-x-6">
          <Link href="/dashboard" className="flex items-center gap-2 rounded-md font-semibold text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-sky-600 text-xs font-bold text-white">os</span>
            {t("app.name")}
          </Link>
          {/* Phones: logo and account controls on the first row, navigation on its own row below.
              Admins have eleven links: theirs is always a row of its own under the logo's. */}
          <div className={user.role === "admin" ? "order-3 w-full" : "order-3 w-full sm:order-none sm:w-auto"}>
            <NavLinks links={links} label={t("nav.menu")} />
          </div>
          <div className="ml-auto flex items-center gap-2 sm:gap-3">
            <span className="hidden text-sm text-slate-600 sm:inline" data-testid="current-user">{user.name ?? user.email}</span>
            {!user.mustSetUp2fa && <NotificationBell />}
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </div>
    </MessagesProvider>
  );
}
