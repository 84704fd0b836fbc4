"use client";
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ApiTokenView } from "@/lib/tokens/scopes";
import { useRevokeToken } from "./queries";

type State = "active" | "revoked" | "expired";

function stateOf(t: ApiTokenView, now: number): State {
  if (t.revoked_at) return "revoked";
  if (t.expires_at && Date.parse(t.expires_at) <= now) return "expired";
  return "active";
}

const TONE = { active: "green", revoked: "gray", expired: "amber" } as const;

function RevokeControl({ token }: { token: ApiTokenView }) {
  const t = useTranslations("tokens");
  const revoke = useRevokeToken();
  const [confirming, setConfirming] = useState(false);

  if (!confirming)
    return (
      <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} data-testid="revoke-token">
        {t("revoke")}
      </Button>
    );
  return (
    <div role="group" aria-label={t("revoke")} className="flex flex-col items-stretch gap-2 rounded-md border border-red-200 bg-red-50 p-2 text-left sm:items-end">
      <p className="text-xs text-red-800">{t("revokeConfirm", { name: token.name })}</p>
      {revoke.error && <p role="alert" className="text-xs text-red-700">{t("revokeFailed", { message: revoke.error.message })}</p>}
      <div className="flex gap-2 sm:justify-end">
        <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} autoFocus>
          {t("cancel")}
        </Button>
        <Button variant="danger" size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id)} data-testid="confirm-revoke">
          {revoke.isPending ? t("revoking") : t("revokeYes")}
        </Button>
      </div>
    </div>
  );
}

export function TokenList({ tokens }: { tokens: ApiTokenView[] }) {
  const t = useTranslations("tokens");
  const format = useFormatter();
  const now = Date.now();
  const date = (iso: string | null, empty: string) => (iso ? format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }) : empty);

  if (tokens.length === 0)
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="tokens-empty">
        <svg aria-hidden viewBox="0 0 24 24" className="mx-auto mb-3 size-10 text-slate-300" fill="none" stroke="currentColor" strokeWidth="1.5"><circle cx="8" cy="15" r="4" /><path d="m11 12 8-8m-3 3 2 2m-4 0 2 2" strokeLinecap="round" /></svg>
        <h2 className="text-base font-medium text-slate-900">{t("emptyTitle")}</h2>
        <p className="mt-1 text-sm text-slate-500">{t("emptyText")}</p>
      </div>
    );

  return (
    <>
      <div className="hidden overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm lg:block">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-3">{t("colName")}</th>
              <th scope="col" className="px-4 py-3">{t("colScopes")}</th>
              <th scope="col" className="px-4 py-3">{t("colCreated")}</th>
              <th scope="col" className="px-4 py-3">{t("colLastUsed")}</th>
              <th scope="col" className="px-4 py-3">{t("colExpires")}</th>
              <th scope="col" className="px-4 py-3">{t("colStatus")}</th>
              <th scope="col" className="px-4 py-3"><span className="sr-only">{t("revoke")}</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {tokens.map((tok) => {
              const state = stateOf(tok, now);
              return (
                <tr key={tok.id} data-testid="token-row" data-token-id={tok.id} data-state={state} className={state === "active" ? "" : "text-slate-400"}>
                  <td className="px-4 py-3">
                    <div className="font-medium text-slate-900">{tok.name}</div>
                    <div className="font-mono text-xs text-slate-500">{tok.prefix}…</div>
                  </td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap gap-1">
                      {tok.scopes.map((s) => <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{s}</code>)}
                    </div>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{date(tok.created_at, "")}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{date(tok.last_used_at, t("never"))}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600">{date(tok.expires_at, t("noExpiry"))}</td>
                  <td className="px-4 py-3"><Badge tone={TONE[state]}>{t(state)}</Badge></td>
                  <td className="px-4 py-3 text-right">{state === "active" && <RevokeControl token={tok} />}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="space-y-3 lg:hidden">
        {tokens.map((tok) => {
          const state = stateOf(tok, now);
          return (
            <li key={tok.id} data-testid="token-card" data-token-id={tok.id} data-state={state} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <div className="truncate font-medium text-slate-900">{tok.name}</div>
                  <div className="font-mono text-xs text-slate-500">{tok.prefix}…</div>
                </div>
                <Badge tone={TONE[state]}>{t(state)}</Badge>
              </div>
              <div className="mt-2 flex flex-wrap gap-1">
                {tok.scopes.map((s) => <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{s}</code>)}
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                <dt className="text-slate-500">{t("colCreated")}</dt>
                <dd className="text-slate-700">{date(tok.created_at, "")}</dd>
                <dt className="text-slate-500">{t("colLastUsed")}</dt>
                <dd className="text-slate-700">{date(tok.last_used_at, t("never"))}</dd>
                <dt className="text-slate-500">{t("colExpires")}</dt>
                <dd className="text-slate-700">{date(tok.expires_at, t("noExpiry"))}</dd>
              </dl>
              {state === "active" && <div className="mt-3"><RevokeControl token={tok} /></div>}
            </li>
          );
        })}
      </ul>
    </>
  );
}
