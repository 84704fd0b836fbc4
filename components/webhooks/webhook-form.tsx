"use client";
// Create / edit form. Validated in the browser with the API's own zod schema, and the
// server's answer (e.g. the SSRF guard refusing an internal URL) is shown by the field.
import { useRouter } from "next/navigation";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { EVENT_TYPES } from "@/lib/events/types";
import { ALL_EVENTS, createWebhookBody, updateWebhookBody } from "@/lib/webhooks/schemas";
import type { WebhookView } from "@/lib/webhooks/view";
import { cn } from "@/lib/utils/cn";
import { useEventLabel } from "./badges";
import { ApiError } from "@/lib/api-client";
import { useSaveWebhook } from "./queries";

type Field = "name" | "url" | "event_type" | "secret" | "description";
type Errors = Partial<Record<Field | "form", string>>;

function randomSecret() {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function WebhookForm({ webhook }: { webhook?: WebhookView }) {
  const t = useTranslations("webhooks.form");
  const label = useEventLabel();
  const router = useRouter();
  const ids = useId();
  const save = useSaveWebhook(webhook?.id);
  const [name, setName] = useState(webhook?.name ?? "");
  const [url, setUrl] = useState(webhook?.url ?? "");
  const [all, setAll] = useState(webhook ? webhook.event_types.includes(ALL_EVENTS) : false);
  const [events, setEvents] = useState<string[]>(webhook && !webhook.event_types.includes(ALL_EVENTS) ? webhook.event_types : []);
  const [secret, setSecret] = useState("");
  const [removeSecret, setRemoveSecret] = useState(false);
  const [generated, setGenerated] = useState(false);
  const [description, setDescription] = useState(webhook?.description ?? "");
  const [active, setActive] = useState(webhook?.is_active ?? true);
  const [errors, setErrors] = useState<Errors>({});

  const toggle = (type: string) => setEvents((list) => (list.includes(type) ? list.filter((x) => x !== type) : [...list, type]));

  function localise(field: Field, code: string | undefined): string {
    if (field === "name") return code === "too_big" ? t("err.tooLong") : t("err.required");
    if (field === "url") return t("err.url");
    if (field === "event_type") return t("err.events");
    if (field === "secret") return code === "too_big" ? t("err.tooLong") : t("err.secretShort");
    return t("err.tooLong");
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = {
      name,
      url,
      event_type: all ? ALL_EVENTS : events,
      description: description.trim() || null,
      is_active: active,
      ...(removeSecret ? { secret: null } : secret ? { secret } : {}),
    };
    const parsed = (webhook ? updateWebhookBody : createWebhookBody).safeParse(input);
    if (!parsed.success) {
      const next: Errors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field | undefined;
        if (field && !next[field]) next[field] = localise(field, issue.code);
      }
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      const saved = await save.mutateAsync({ ...input, event_type: all ? [ALL_EVENTS] : events });
      router.push(`/admin/webhooks/${saved.id}`);
      router.refresh();
    } catch (err) {
      const message = (err as Error).message;
      const field = err instanceof ApiError ? (err.fieldErrors[0]?.field as Field | undefined) : undefined;
      const byMessage = /^url:/.test(message) ? "url" : undefined;
      const target = field ?? byMessage;
      setErrors(target ? { [target]: message.replace(/^url: /, "") } : { form: t("failed", { message }) });
    }
  }

  const errorId = (f: Field) => `${ids}-${f}-error`;
  const fieldError = (f: Field) =>
    errors[f] ? (
      <p id={errorId(f)} role="alert" className="mt-1 text-sm text-red-600" data-testid={`error-${f}`}>{errors[f]}</p>
    ) : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" data-testid="webhook-form">
      <Card>
        <CardBody className="space-y-5">
          <div>
            <Label htmlFor={`${ids}-name`}>{t("name")}</Label>
            <Input id={`${ids}-name`} name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-invalid={!!errors.name} aria-describedby={errors.name ? errorId("name") : undefined} autoFocus={!webhook} />
            {fieldError("name")}
          </div>
          <div>
            <Label htmlFor={`${ids}-url`}>{t("url")}</Label>
            <Input id={`${ids}-url`} name="url" type="url" inputMode="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.com/webhooks/ospab" className="font-mono" aria-invalid={!!errors.url} aria-describedby={`${ids}-url-hint${errors.url ? ` ${errorId("url")}` : ""}`} />
            <p id={`${ids}-url-hint`} className="mt-1 text-xs text-slate-500">{t("urlHint")}</p>
            {fieldError("url")}
          </div>
          <fieldset aria-describedby={errors.event_type ? errorId("event_type") : undefined}>
            <legend className="mb-2 text-sm font-medium text-slate-700">{t("events")}</legend>
            <label className="mb-2 flex items-center gap-2 text-sm font-medium text-slate-800">
              <input type="checkbox" name="all-events" checked={all} onChange={(e) => setAll(e.target.checked)} className="size-4 rounded border-slate-300 text-sky-600 focus:ring-sky-500" />
              {t("allEvents")}
            </label>
            <div className={cn("grid gap-1.5 sm:grid-cols-2", all && "opacity-50")}>
              {EVENT_TYPES.map((type) => (
                <label key={type} className="flex items-start gap-2 rounded-md px-1 py-0.5 text-sm text-slate-700 hover:bg-slate-50">
                  <input type="checkbox" name="event" value={type} disabled={all} checked={all || events.includes(type)} onChange={() => toggle(type)} className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-sky-600 focus:ring-sky-500" />
                  <span>
                    {label(type)} <span className="font-mono text-xs text-slate-500">{type}</span>
                  </span>
                </label>
              ))}
            </div>
            {fieldError("event_type")}
          </fieldset>
          <div>
            <Label htmlFor={`${ids}-secret`}>{t("secret")}</Label>
            <div className="flex gap-2">
              <Input id={`${ids}-secret`} name="secret" value={secret} disabled={removeSecret} onChange={(e) => { setSecret(e.target.value); setGenerated(false); }} autoComplete="off" spellCheck={false} className="font-mono" aria-invalid={!!errors.secret} aria-describedby={`${ids}-secret-hint${errors.secret ? ` ${errorId("secret")}` : ""}`} />
              <Button type="button" variant="secondary" disabled={removeSecret} onClick={() => { setSecret(randomSecret()); setGenerated(true); }}>{t("generate")}</Button>
            </div>
            <p id={`${ids}-secret-hint`} className="mt-1 text-xs text-slate-500">
              {webhook?.has_secret ? t("secretKeep") : t("secretNone")} {t("secretHint")}
            </p>
            {generated && <p className="mt-1 text-xs font-medium text-amber-700">{t("generatedNote")}</p>}
            {webhook?.has_secret && (
              <label className="mt-2 flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" checked={removeSecret} onChange={(e) => setRemoveSecret(e.target.checked)} className="size-4 rounded border-slate-300 text-sky-600 focus:ring-sky-500" />
                {t("removeSecret")}
              </label>
            )}
            {fieldError("secret")}
          </div>
          <div>
            <Label htmlFor={`${ids}-description`}>{t("description")}</Label>
            <textarea id={`${ids}-description`} name="description" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={500} className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/30" />
            {fieldError("description")}
          </div>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" name="is_active" checked={active} onChange={(e) => setActive(e.target.checked)} className="size-4 rounded border-slate-300 text-sky-600 focus:ring-sky-500" />
            {t("active")}
          </label>
        </CardBody>
      </Card>
      {errors.form && <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-700">{errors.form}</p>}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={save.isPending} data-testid="save-webhook">
          {save.isPending ? t("saving") : webhook ? t("save") : t("create")}
        </Button>
        <Link href={webhook ? `/admin/webhooks/${webhook.id}` : "/admin/webhooks"} className={buttonVariants({ variant: "secondary" })}>
          {t("cancel")}
        </Link>
      </div>
    </form>
  );
}
