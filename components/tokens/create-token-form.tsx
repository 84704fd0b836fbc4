"use client";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import type { TokenScope } from "@/lib/tokens/scopes";
import { useCreateToken, type CreatedToken } from "./queries";

const EXPIRY_CHOICES = [null, 30, 90, 365] as const;

export function CreateTokenForm({ scopes, onCreated }: { scopes: TokenScope[]; onCreated: (t: CreatedToken) => void }) {
  const t = useTranslations("tokens");
  const create = useCreateToken();
  const [errors, setErrors] = useState<{ name?: string; scopes?: string }>({});
  // One key per filled-in form: retries and double submits of it make a single token.
  const keyRef = useRef<string | null>(null);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const chosen = data.getAll("scopes").map(String) as TokenScope[];
    const expires = String(data.get("expires") ?? "");
    const problems = { name: name ? undefined : t("nameRequired"), scopes: chosen.length ? undefined : t("scopesRequired") };
    setErrors(problems);
    if (problems.name || problems.scopes) {
      const first = form.querySelector<HTMLElement>(problems.name ? "#token-name" : 'input[name="scopes"]');
      first?.focus();
      return;
    }
    keyRef.current ??= crypto.randomUUID();
    create.mutate(
      { input: { name, scopes: chosen, expires_in_days: expires ? Number(expires) : null }, key: keyRef.current },
      {
        onSuccess: (token) => {
          keyRef.current = null;
          form.reset();
          onCreated(token);
        },
      },
    );
  }

  return (
    <Card>
      <CardHeader>
        <h2 className="text-base font-semibold text-slate-900">{t("createTitle")}</h2>
      </CardHeader>
      <CardBody>
        <form onSubmit={onSubmit} onChange={() => (keyRef.current = null)} noValidate className="space-y-4" data-testid="create-token-form">
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
            <div>
              <Label htmlFor="token-name">{t("name")}</Label>
              <Input
                id="token-name"
                name="name"
                maxLength={100}
                placeholder={t("namePlaceholder")}
                aria-invalid={!!errors.name}
                className="aria-[invalid=true]:border-red-500 aria-[invalid=true]:ring-red-500/30"
                aria-describedby={errors.name ? "token-name-error" : undefined}
              />
              {errors.name && <p id="token-name-error" className="mt-1 text-sm text-red-600">{errors.name}</p>}
            </div>
            <div>
              <Label htmlFor="token-expires">{t("expires")}</Label>
              <select
                id="token-expires"
                name="expires"
                defaultValue="90"
                className="block h-10 w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30"
              >
                {EXPIRY_CHOICES.map((d) => (
                  <option key={d ?? "never"} value={d ?? ""}>{d ? t("expiresDays", { n: d }) : t("expiresNever")}</option>
                ))}
              </select>
            </div>
          </div>
          <fieldset aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
            <legend className="mb-2 text-sm font-medium text-slate-700">{t("scopes")}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {scopes.map((s) => (
                <label key={s} className="flex cursor-pointer items-start gap-3 rounded-md border border-slate-200 p-3 text-sm hover:bg-slate-50 has-[:checked]:border-sky-300 has-[:checked]:bg-sky-50">
                  <input type="checkbox" name="scopes" value={s} defaultChecked={s === "vps:read"} className="mt-0.5 size-4 accent-sky-600" />
                  <span>
                    <span className="block font-mono text-xs font-semibold text-slate-900">{s}</span>
                    <span className="text-slate-600">{t(`scope.${s}`)}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors.scopes && <p id="token-scopes-error" className="mt-1 text-sm text-red-600">{errors.scopes}</p>}
          </fieldset>
          {create.error && (
            <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{t("createFailed", { message: create.error.message })}</p>
          )}
          <Button type="submit" disabled={create.isPending} aria-busy={create.isPending} data-testid="create-token">
            {create.isPending && <span aria-hidden className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white" />}
            {create.isPending ? t("creating") : t("create")}
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
