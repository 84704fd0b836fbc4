"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { signOutToLogin } from "@/components/shell/sign-out-button";
import { Button } from "@/components/ui/button";
import type { AccountSession } from "@/lib/account/list-sessions";
import { apiFetch } from "@/lib/api-client";
import { AccountSection, Notice } from "./section";
import { useAccountAction } from "./use-account-action";

export function SessionList({ sessions }: { sessions: AccountSession[] }) {
  const t = useTranslations("account");
  const format = useFormatter();
  const router = useRouter();
  const { run, pending, result } = useAccountAction();

  const device = (s: AccountSession) => t("device", { browser: s.browser ?? t("unknownBrowser"), os: s.os ?? t("unknownOs") });

  return (
    <AccountSection id="sessions" title={t("sessionsTitle")} intro={t("sessionsIntro")}>
      {sessions.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">{t("sessionsEmpty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="session-list">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="session-row" data-current={s.current || undefined}>
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                  {device(s)}
                  {s.current && <Badge tone="blue">{t("thisDevice")}</Badge>}
                </p>
                <p className="text-sm text-slate-600">{t("address", { ip: s.ip ?? "—" })}</p>
                <p className="text-sm text-slate-500">{t("lastSeen", { date: format.dateTime(new Date(s.last_seen_at), "dateTime") })}</p>
              </div>
              {!s.current && (
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t("revokeLabel", { device: device(s) })}
                  disabled={pending}
                  onClick={() =>
                    run(async () => {
                      await apiFetch(`/api/account/sessions/${encodeURIComponent(s.id)}`, { method: "DELETE" });
                      router.refresh();
                    }, s.id)
                  }
                >
                  {t("revoke")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {result && <Notice tone={result.ok ? "ok" : "error"}>{result.text}</Notice>}
      <div className="mt-4 border-t border-slate-100 pt-4">
        <Button
          variant="danger"
          disabled={pending}
          onClick={() =>
            run(async () => {
              await apiFetch("/api/account/sessions", { method: "DELETE" });
              await signOutToLogin();
            }, "all")
          }
        >
          {t("signOutEverywhere")}
        </Button>
      </div>
    </AccountSection>
  );
}
