"use client";
// The pending flag and the result notice every /account form shares: one action at a time,
// the server's message on failure (account.failed), an optional success text.
import { useCallback, useState } from "react";
import { useTranslations } from "use-intl";
import { errorMessage } from "@/lib/api-client";

export interface ActionResult {
  ok: boolean;
  text: string;
}

export function useAccountAction() {
  const t = useTranslations("account");
  /** Which action runs (a session id, "all", …), or null. */
  const [pendingKey, setPendingKey] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);

  /** Runs `fn`; a string it resolves to is shown as success, a throw as the failure notice. */
  const run = useCallback(
    async (fn: () => Promise<string | void>, key = "action") => {
      setPendingKey(key);
      setResult(null);
      try {
        const text = await fn();
        if (text) setResult({ ok: true, text });
      } catch (err) {
        setResult({ ok: false, text: t("failed", { message: errorMessage(err) }) });
      } finally {
        setPendingKey(null);
      }
    },
    [t],
  );
  const fail = useCallback((text: string) => setResult({ ok: false, text }), []);

  return { run, fail, result, pending: pendingKey !== null, pendingKey };
}
