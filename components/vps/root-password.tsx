"use client";
// The root password stays on the server until its owner asks for it; it is kept in this
// component's state only while shown.
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { apiFetch } from "@/lib/api-client";

type State = { kind: "hidden" } | { kind: "loading" } | { kind: "shown"; password: string | null } | { kind: "error" };

export function RootPassword({ vpsId, stored, isOwner }: { vpsId: number; stored: boolean; isOwner: boolean }) {
  const t = useTranslations("vpsDetail");
  const [state, setState] = useState<State>({ kind: "hidden" });
  const [copied, setCopied] = useState(false);

  if (!isOwner) return <p className="text-sm text-slate-500">{t("passwordOwnerOnly")}</p>;
  if (!stored) return <p className="text-sm text-slate-500" data-testid="root-password-none">{t("noPassword")}</p>;

  async function reveal() {
    setState({ kind: "loading" });
    try {
      const { password } = await apiFetch<{ password: string | null }>(`/api/vps/${vpsId}/root-password`, { method: "POST" });
      setState({ kind: "shown", password });
    } catch {
      setState({ kind: "error" });
    }
  }

  if (state.kind === "shown") {
    if (state.password === null) return <p className="text-sm text-slate-500" data-testid="root-password-none">{t("noPassword")}</p>;
    const password = state.password;
    return (
      <div className="flex flex-wrap items-center gap-2">
        <code className="rounded bg-slate-100 px-2 py-1 font-mono text-sm break-all text-slate-900" data-testid="root-password-value">{password}</code>
        <Button
          variant="secondary"
          size="sm"
          onClick={async () => {
            await navigator.clipboard?.writeText(password).catch(() => undefined);
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          }}
        >
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button variant="ghost" size="sm" onClick={() => setState({ kind: "hidden" })}>{t("hide")}</Button>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span aria-hidden className="font-mono tracking-widest text-slate-400">••••••••••</span>
      <Button variant="secondary" size="sm" onClick={reveal} disabled={state.kind === "loading"} data-testid="root-password-reveal">
        {state.kind === "loading" ? (<><Spinner />{t("revealing")}</>) : t("reveal")}
      </Button>
      {state.kind === "error" && <span role="alert" className="text-sm text-red-600">{t("revealFailed")}</span>}
    </div>
  );
}
