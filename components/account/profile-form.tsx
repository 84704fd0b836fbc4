"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { LOCALES } from "@/lib/i18n/config";
import { AccountSection, Notice } from "./section";
import { useAccountAction } from "./use-account-action";

export interface Profile {
  name: string | null;
  email: string;
  locale: string;
  /** The zone the user chose, null for the browser's. */
  timeZone: string | null;
  /** The zone the page is shown in now, with its offset ("GMT+3"). */
  shownZone: { zone: string; offset: string };
  /** Every zone to choose from: [IANA name, its offset now]. */
  zones: [string, string][];
}
const LANGUAGE = { ru: "Русский", en: "English" } as const;

export function ProfileForm({ profile }: { profile: Profile }) {
  const t = useTranslations("account");
  const router = useRouter();
  const { run, pending, result } = useAccountAction();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const locale = String(form.get("locale"));
    const timeZone = String(form.get("time_zone") ?? "") || null;
    await run(async () => {
      await apiFetch("/api/account/profile", { method: "PATCH", body: { name: String(form.get("name") ?? "").trim() || null, time_zone: timeZone } });
      // The locale route also sets the cookie the sign-in page reads.
      if (locale !== profile.locale) await apiFetch("/api/me/locale", { method: "PUT", body: { locale } });
      router.refresh();
      return t("saved");
    });
  }

  return (
    <AccountSection id="profile" title={t("profileTitle")}>
      <form onSubmit={onSubmit} className="space-y-4">
        <div>
          <Label htmlFor="profile-name">{t("name")}</Label>
          <Input id="profile-name" name="name" defaultValue={profile.name ?? ""} maxLength={100} autoComplete="name" />
        </div>
        <div>
          <Label htmlFor="profile-email">{t("email")}</Label>
          <Input id="profile-email" value={profile.email} readOnly aria-describedby="profile-email-hint" />
          <p id="profile-email-hint" className="mt-1 text-xs text-slate-500">{t("emailHint")}</p>
        </div>
        <div>
          <Label htmlFor="profile-locale">{t("language")}</Label>
          <select id="profile-locale" name="locale" defaultValue={profile.locale} className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm focus:outline-none focus:ring-2 focus:ring-sky-500 sm:w-60">
            {LOCALES.map((l) => (
              <option key={l} value={l}>{LANGUAGE[l]}</option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="profile-time-zone">{t("timeZone")}</Label>
          <select
            id="profile-time-zone"
            name="time_zone"
            defaultValue={profile.timeZone ?? ""}
            aria-describedby="profile-time-zone-hint"
            className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm focus:outline-none focus:ring-2 focus:ring-sky-500 sm:w-80"
          >
            <option value="">{t("timeZoneAuto")}</option>
            {profile.zones.map(([zone, offset]) => (
              <option key={zone} value={zone}>{`${zone.replaceAll("_", " ")} (${offset})`}</option>
            ))}
          </select>
          <p id="profile-time-zone-hint" className="mt-1 text-xs text-slate-500">
            {t("timeZoneHint", { zone: profile.shownZone.zone.replaceAll("_", " "), offset: profile.shownZone.offset })}
          </p>
        </div>
        {result && <Notice tone={result.ok ? "ok" : "error"}>{result.text}</Notice>}
        <Button type="submit" disabled={pending} aria-busy={pending}>{pending ? t("saving") : t("save")}</Button>
      </form>
    </AccountSection>
  );
}
