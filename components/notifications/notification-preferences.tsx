"use client";
// /account → Notifications: the panel and email channels on or off (saved at once, PUT
// /api/account/notifications). Email cannot be turned on where the panel has no SMTP_URL:
// the switch is disabled and the section says why.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslations } from "use-intl";
import { AccountSection, Notice } from "@/components/account/section";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch, isApiError } from "@/lib/api-client";
import type { PreferencesInput } from "@/lib/notifications/schemas";
import type { NotificationPreferences } from "@/lib/notifications/types";

function Toggle({ label, hint, checked, disabled, onChange, testId }: { label: string; hint?: string; checked: boolean; disabled?: boolean; onChange: (v: boolean) => void; testId: string }) {
  const id = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
        data-testid={testId}
        className="mt-0.5 size-5 shrink-0 rounded border-slate-300 accent-sky-600 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50"
      />
      <div>
        <label htmlFor={id} className={disabled ? "text-sm font-medium text-slate-500" : "text-sm font-medium text-slate-900"}>{label}</label>
        {hint && <p id={`${id}-hint`} className="mt-0.5 text-sm text-slate-600">{hint}</p>}
      </div>
    </div>
  );
}

export function NotificationPreferencesForm({ initial, email }: { initial: NotificationPreferences; email: string }) {
  const t = useTranslations("notifications.prefs");
  const [prefs, setPrefs] = useState(initial);
  const save = useMutation({
    mutationFn: (input: PreferencesInput) => apiFetch<NotificationPreferences>("/api/account/notifications", { method: "PUT", body: input }),
    onSuccess: (saved) => setPrefs(saved),
  });
  const change = (patch: Partial<PreferencesInput>) => {
    const next = { panel: prefs.panel, email: prefs.email, ...patch };
    setPrefs({ ...prefs, ...next });
    save.mutate(next, { onError: () => setPrefs(prefs) });
  };

  return (
    <AccountSection id="notification-preferences" title={t("title")} intro={t("hint")}>
      <div className="space-y-4">
        <Toggle label={t("panel")} checked={prefs.panel} onChange={(panel) => change({ panel })} disabled={save.isPending} testId="pref-panel" />
        <Toggle
          label={t("email")}
          hint={prefs.email_available ? t("emailTo", { email }) : t("emailOff")}
          checked={prefs.email_available && prefs.email}
          onChange={(v) => change({ email: v })}
          disabled={!prefs.email_available || save.isPending}
          testId="pref-email"
        />
        <div aria-live="polite" className="min-h-6">
          {save.isPending ? (
            <p className="flex items-center gap-2 text-sm text-slate-600"><Spinner /></p>
          ) : save.isError ? (
            <Notice tone="error" testId="prefs-error">{t("saveFailed", { message: isApiError(save.error) ? save.error.message : String(save.error) })}</Notice>
          ) : save.isSuccess ? (
            <Notice tone="ok" testId="prefs-saved">{t("saved")}</Notice>
          ) : null}
        </div>
      </div>
    </AccountSection>
  );
}
