"use client";
import { useState } from "react";
import { useFormatter, useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/list/data-table";
import { EmptyState } from "@/components/list/empty-state";
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
  const date = (iso: string | null, empty: string) => (iso ? format.dateTime(new Date(iso), "dateTime") : empty);

  if (tokens.length === 0)
    return (
      <EmptyState
        testId="tokens-empty"
        icon={<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5"><circle cx="8" cy="15" r="4" /><path d="m11 12 8-8m-3 3 2 2m-4 0 2 2" strokeLinecap="round" /></svg>}
        title={t("emptyTitle")}
        text={t("emptyText")}
      />
    );

  const columns: Column<ApiTokenView>[] = [
    {
      key: "name",
      header: t("colName"),
      priority: 1,
      cell: (tok) => (
        <>
          <div className="font-medium text-slate-900">{tok.name}</div>
          <div className="font-mono text-xs font-normal text-slate-500">{tok.prefix}…</div>
        </>
      ),
    },
    { key: "state", header: t("colStatus"), priority: 1, cell: (tok) => <Badge tone={TONE[stateOf(tok, now)]}>{t(stateOf(tok, now))}</Badge> },
    {
      key: "scopes",
      header: t("colScopes"),
      wide: true,
      cell: (tok) => (
        <span className="inline-flex flex-wrap gap-1 align-middle">
          {tok.scopes.map((s) => <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">{s}</code>)}
        </span>
      ),
    },
    { key: "created", header: t("colCreated"), wide: true, className: "md:whitespace-nowrap", cell: (tok) => date(tok.created_at, "") },
    { key: "used", header: t("colLastUsed"), wide: true, className: "md:whitespace-nowrap", cell: (tok) => date(tok.last_used_at, t("never")) },
    { key: "expires", header: t("colExpires"), wide: true, className: "md:whitespace-nowrap", cell: (tok) => date(tok.expires_at, t("noExpiry")) },
    {
      key: "revoke",
      header: <span className="sr-only">{t("revoke")}</span>,
      label: "",
      wide: true,
      align: "right",
      cell: (tok) => stateOf(tok, now) === "active" && <RevokeControl token={tok} />,
    },
  ];
  return (
    <DataTable
      rows={tokens}
      columns={columns}
      rowKey={(tok) => tok.id}
      rowProps={(tok) => {
        const state = stateOf(tok, now);
        return { "data-testid": "token-row", "data-token-id": tok.id, "data-state": state, className: state === "active" ? undefined : "text-slate-400" };
      }}
    />
  );
}
