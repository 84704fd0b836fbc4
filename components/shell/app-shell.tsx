import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/options";
import { getI18n } from "@/lib/i18n/server";
import { LanguageSwitcher } from "./language-switcher";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const { t } = await getI18n();
  const links = [{ href: "/dashboard", label: t("nav.dashboard") }];
  if (user.role === "admin") links.push({ href: "/admin", label: t("nav.admin") }, { href: "/admin/webhooks", label: t("webhooks.nav") });

  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="flex items-center gap-2 font-semibold text-slate-900">
            <span aria-hidden className="grid size-7 place-items-center rounded-md bg-sky-600 text-xs font-bold text-white">os</span>
            {t("app.name")}
          </Link>
          <NavLinks links={links} label={t("nav.menu")} />
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-sm text-slate-600 sm:inline" data-testid="current-user">{user.name ?? user.email}</span>
            <LanguageSwitcher />
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
