"use client";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { ApiTokenView, TokenScope } from "@/lib/tokens/scopes";
import { CreateTokenForm } from "./create-token-form";
import { useTokens, type CreatedToken } from "./queries";
import { TokenList } from "./token-list";
import { TokenReveal } from "./token-reveal";

export function TokensManager({ initial, scopes }: { initial: ApiTokenView[]; scopes: TokenScope[] }) {
  const t = useTranslations("tokens");
  const { data: tokens = [] } = useTokens(initial);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  return (
    <section aria-labelledby="tokens-heading" className="space-y-6">
      <div>
        <h1 id="tokens-heading" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      {created ? (
        <TokenReveal token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm scopes={scopes} onCreated={setCreated} />
      )}
      <div>
        <p className="mb-2 text-sm text-slate-500" data-testid="tokens-count">{t("count", { n: tokens.length })}</p>
        <TokenList tokens={tokens} />
      </div>
    </section>
  );
}
