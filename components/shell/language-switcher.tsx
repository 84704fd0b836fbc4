"use client";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useLocale, useTranslations } from "use-intl";
import { apiFetch } from "@/lib/api-client";
import { LOCALES } from "@/lib/i18n/config";

const LABEL = { ru: "Русский", en: "English" } as const;

export function LanguageSwitcher() {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, start] = useTransition();

  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">{t("language")}</span>
      <svg aria-hidden viewBox="0 0 24 24" className="hidden size-4 sm:block" fill="none" stroke="currentColor" strokeWidth="1.8"><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3c2.5 3 2.5 15 0 18M12 3c-2.5 3-2.5 15 0 18" /></svg>
      <select
        data-testid="language-switcher"
        className="rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm focus:outline-none focus:ring-2 focus:ring-sky-500"
        value={locale}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value;
          start(async () => {
            // A failed save still refreshes: the page then shows the language actually in effect.
            await apiFetch("/api/me/locale", { method: "PUT", body: { locale: next } }).catch(() => undefined);
            router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>{LABEL[l]}</option>
        ))}
      </select>
    </label>
  );
}
