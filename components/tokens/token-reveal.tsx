"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import type { CreatedToken } from "./queries";

/** The one moment a token's secret is visible. */
export function TokenReveal({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  const t = useTranslations("tokens");
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  const boxRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    boxRef.current?.focus();
  }, []);

  async function onCopy() {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopy("copied");
    } catch {
      inputRef.current?.select();
      setCopy("failed");
    }
  }

  return (
    <div
      ref={boxRef}
      tabIndex={-1}
      role="region"
      aria-labelledby="token-reveal-title"
      data-testid="token-reveal"
      className="rounded-lg border border-emerald-300 bg-emerald-50 p-5 shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-500"
    >
      <h2 id="token-reveal-title" className="text-base font-semibold text-emerald-900">{t("revealTitle", { name: token.name })}</h2>
      <p className="mt-1 text-sm text-emerald-800">{t("revealText")}</p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row">
        <label htmlFor="token-secret" className="sr-only">{t("tokenLabel")}</label>
        <input
          ref={inputRef}
          id="token-secret"
          readOnly
          value={token.token}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="token-secret"
          className="h-10 w-full min-w-0 rounded-md border border-emerald-300 sm:flex-1 bg-white px-3 font-mono text-sm text-slate-900 focus:outline-none focus:ring-2 focus:ring-emerald-500"
        />
        <Button type="button" variant="secondary" onClick={onCopy} data-testid="copy-token">
          <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.8"><rect x="9" y="9" width="11" height="11" rx="2" /><path d="M5 15V5a2 2 0 0 1 2-2h10" /></svg>
          {copy === "copied" ? t("copied") : t("copy")}
        </Button>
      </div>
      <p role="status" aria-live="polite" className="mt-2 min-h-5 text-sm text-emerald-800">
        {copy === "copied" ? t("copied") : copy === "failed" ? t("copyFailed") : ""}
      </p>
      <Button type="button" className="mt-2" onClick={onDone} data-testid="token-reveal-done">{t("done")}</Button>
    </div>
  );
}
