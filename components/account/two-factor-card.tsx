"use client";
import { useRouter } from "next/navigation";
import QRCode from "qrcode";
import { useEffect, useState, type FormEvent } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { apiFetch } from "@/lib/api-client";
import { AccountSection, Notice } from "./section";
import { useAccountAction } from "./use-account-action";

export interface TwoFactorStatus {
  enabled: boolean;
  enabled_at: string | null;
  recovery_codes_left: number;
}

type Stage = { kind: "idle" } | { kind: "enrolling"; secret: string; url: string } | { kind: "codes"; codes: string[] };

export function TwoFactorCard({ status }: { status: TwoFactorStatus }) {
  const t = useTranslations("account");
  const format = useFormatter();
  const router = useRouter();
  const [stage, setStage] = useState<Stage>({ kind: "idle" });
  const [qr, setQr] = useState<string | null>(null);
  const { run, pending, result } = useAccountAction();

  useEffect(() => {
    if (stage.kind !== "enrolling") return;
    let live = true;
    // The QR code is drawn in the browser: the secret makes no further trip over the network.
    QRCode.toString(stage.url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }).then((svg) => live && setQr(svg));
    return () => {
      live = false;
    };
  }, [stage]);

  const start = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const password = String(new FormData(e.currentTarget).get("password") ?? "");
    void run(async () => {
      const r = await apiFetch<{ secret: string; otpauth_url: string }>("/api/account/2fa", { method: "POST", body: { password } });
      setQr(null);
      setStage({ kind: "enrolling", secret: r.secret, url: r.otpauth_url });
    });
  };

  const confirm = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    void run(async () => {
      const r = await apiFetch<{ recovery_codes: string[] }>("/api/account/2fa/confirm", { method: "POST", body: { code } });
      setStage({ kind: "codes", codes: r.recovery_codes });
    });
  };

  const disable = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    void run(async () => {
      await apiFetch("/api/account/2fa", { method: "DELETE", body: { code } });
      router.refresh();
    });
  };

  return (
    <AccountSection id="two-factor" title={t("twoFactorTitle")}>
      <div className="space-y-4">
        {stage.kind === "codes" ? (
          <div className="space-y-3">
            <h3 className="font-medium text-slate-900">{t("recoveryTitle")}</h3>
            <p className="text-sm text-slate-600">{t("recoveryText")}</p>
            <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-2 rounded-md bg-slate-50 p-3 font-mono text-sm text-slate-900">
              {stage.codes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
            <Button
              onClick={() => {
                setStage({ kind: "idle" });
                router.refresh();
              }}
            >
              {t("recoveryDone")}
            </Button>
          </div>
        ) : status.enabled ? (
          <>
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700" data-testid="two-factor-status">
              <Badge tone="green">✓</Badge>
              {t("twoFactorOn", { date: format.dateTime(new Date(status.enabled_at!), "date"), n: status.recovery_codes_left })}
            </p>
            <form method="post" onSubmit={disable} className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <div className="flex-1">
                <Label htmlFor="disable-code">{t("disableLabel")}</Label>
                <Input id="disable-code" name="code" autoComplete="one-time-code" required />
              </div>
              <Button type="submit" variant="secondary" disabled={pending}>{t("disable")}</Button>
            </form>
          </>
        ) : stage.kind === "enrolling" ? (
          <div className="space-y-4">
            <p className="text-sm text-slate-600">{t("enrolScan")}</p>
            <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
              <div
                role="img"
                aria-label={t("qrLabel")}
                data-testid="totp-qr"
                className="size-44 shrink-0 rounded-md border border-slate-200 bg-white p-1 [&>svg]:size-full"
                dangerouslySetInnerHTML={qr ? { __html: qr } : undefined}
              />
              <div className="min-w-0 space-y-1">
                <p className="text-sm font-medium text-slate-700">{t("secretLabel")}</p>
                <code data-testid="totp-secret" className="block break-all rounded bg-slate-50 px-2 py-1 font-mono text-sm text-slate-900">{stage.secret}</code>
              </div>
            </div>
            <form method="post" onSubmit={confirm} className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <div className="flex-1">
                <Label htmlFor="enrol-code">{t("codeLabel")}</Label>
                <Input id="enrol-code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required autoFocus />
              </div>
              <div className="flex gap-2">
                <Button type="submit" disabled={pending}>{t("confirm")}</Button>
                <Button type="button" variant="ghost" onClick={() => setStage({ kind: "idle" })}>{t("cancel")}</Button>
              </div>
            </form>
          </div>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-600" data-testid="two-factor-status">{t("twoFactorOff")}</p>
            <form method="post" onSubmit={start} className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <div className="flex-1">
                <Label htmlFor="enable-password">{t("enablePasswordLabel")}</Label>
                <Input id="enable-password" name="password" type="password" autoComplete="current-password" required />
              </div>
              <Button type="submit" disabled={pending}>{t("enable")}</Button>
            </form>
          </div>
        )}
        {result && <Notice tone={result.ok ? "ok" : "error"}>{result.text}</Notice>}
      </div>
    </AccountSection>
  );
}
