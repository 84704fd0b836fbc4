"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";

export function LoginForm() {
  const t = useTranslations("login");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // Set once the password was accepted for an account with two-factor sign-in on.
  const [needCode, setNeedCode] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const res = await signIn("credentials", {
      login: String(form.get("login") ?? ""),
      password: String(form.get("password") ?? ""),
      ...(needCode ? { code: String(form.get("code") ?? "") } : {}),
      redirect: false,
    }).catch(() => null);
    if (res?.ok && !res.error) {
      router.replace("/");
      router.refresh();
      return;
    }
    setPending(false);
    const throttled = res?.error?.match(/^throttled:(\d+)/);
    if (throttled) setError(t("throttled", { minutes: Math.max(1, Math.ceil(Number(throttled[1]) / 60)) }));
    else if (res?.error === "2fa_required") {
      setNeedCode(true);
    } else if (res?.error === "2fa_invalid") setError(t("codeInvalid"));
    else if (res?.error) setError(t("invalid"));
    else setError(t("failed"));
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <Label htmlFor="login">{t("login")}</Label>
        <Input id="login" name="login" autoComplete="username" required autoFocus />
      </div>
      <div>
        <Label htmlFor="password">{t("password")}</Label>
        <Input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {needCode && (
        <div>
          <Label htmlFor="code">{t("code")}</Label>
          <Input id="code" name="code" autoComplete="one-time-code" inputMode="text" required autoFocus aria-describedby="code-hint" />
          <p id="code-hint" className="mt-1 text-xs text-slate-500">{t("codeHint")}</p>
        </div>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="login-error">
          {error}
        </p>
      )}
      <Button type="submit" className="w-full" disabled={pending} aria-busy={pending}>
        {pending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
