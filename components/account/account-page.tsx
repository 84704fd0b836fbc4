"use client";
import { useTranslations } from "use-intl";
import type { AccountSession } from "@/lib/account/list-sessions";
import { NotificationPreferencesForm } from "@/components/notifications/notification-preferences";
import type { NotificationPreferences } from "@/lib/notifications/types";
import { PasswordForm } from "./password-form";
import { ProfileForm, type Profile } from "./profile-form";
import { SessionList } from "./session-list";
import { TwoFactorCard, type TwoFactorStatus } from "./two-factor-card";

export function AccountPage(props: { profile: Profile; twoFactor: TwoFactorStatus; sessions: AccountSession[]; mustSetUp2fa: boolean; notifications: NotificationPreferences }) {
  const t = useTranslations("account");
  return (
    <section aria-labelledby="account-heading" className="space-y-6">
      <div>
        <h1 id="account-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      {props.mustSetUp2fa && (
        <p role="alert" data-testid="must-2fa" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">{t("must2fa")}</p>
      )}
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <div className="space-y-6">
          <TwoFactorCard status={props.twoFactor} />
          <ProfileForm profile={props.profile} />
          {!props.mustSetUp2fa && <NotificationPreferencesForm initial={props.notifications} email={props.profile.email} />}
          <PasswordForm />
        </div>
        <SessionList sessions={props.sessions} />
      </div>
    </section>
  );
}
