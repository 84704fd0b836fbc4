"use client";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { PASSWORD_MIN } from "@/lib/account/password-rules";
import { apiFetch } from "@/lib/api-client";
import { AccountSection, Notice } from "./section";
import { useAccountAction } from "./use-account-action";

export function PasswordForm() {
  const t = useTranslations("account");
  const router = useRouter();
  const { run, fail, pending, result } = useAccountAction();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const next = String(form.get("new_password") ?? "");
    if (next.length < PASSWORD_MIN) return fail(t("passwordTooShort"));
    await run(async () => {
      const r = await apiFetch<{ revoked_sessions: number }>("/api/account/password", {
        method: "POST",
        body: { current_password: String(form.get("current_password") ?? ""), new_password: next },
      });
      formEl.reset();
      router.refresh();
      return t("passwordChanged", { n: r.revoked_sessions });
    });
  }

  return (
    <AccountSection id="password" title={t("passwordTitle")}>
      <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
        <div>
          <Label htmlFor="current-password">{t("currentPassword")}</Label>
          <Input id="current-password" name="current_password" type="password" autoComplete="current-password" required />
        </div>
        <div>
          <Label htmlFor="new-password">{t("newPassword")}</Label>
          <Input id="new-password" name="new_password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN} required aria-describedby="new-password-hint" />
          <p id="new-password-hint" className="mt-1 text-xs text-slate-500">{t("newPasswordHint")}</p>
        </div>
        {result && <Notice tone={result.ok ? "ok" : "error"} testId="password-result">{result.text}</Notice>}
        <Button type="submit" disabled={pending} aria-busy={pending}>{t("changePassword")}</Button>
      </form>
    </AccountSection>
  );
}
