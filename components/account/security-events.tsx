// A user's own security events (sign-ins, failed attempts, 2FA, password, tokens) for the
// /account page: pass the rows from lib/audit/list-own-security-events.ts. One list that
// reflows: time and address wrap under the event on narrow screens.
import type { SecurityEventView } from "@/lib/audit/list-own-security-events";
import { getI18n } from "@/lib/i18n/server";

export async function SecurityEvents({ events }: { events: SecurityEventView[] }) {
  const { t, format } = await getI18n();
  const label = (action: string) => {
    const key = `securityEvents.actions.${action}` as "securityEvents.actions.auth.sign_in";
    return t.has(key) ? t(key) : action;
  };
  return (
    <section aria-labelledby="security-events-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 id="security-events-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold text-slate-900">
        {t("securityEvents.title")}
      </h2>
      {events.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-slate-500" data-testid="security-events-empty">{t("securityEvents.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" data-testid="security-events">
          {events.map((e) => (
            <li key={e.id} data-testid="security-event" data-action={e.action} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-4 py-3 text-sm">
              <div className="min-w-0">
                <span className={e.action.endsWith("_failed") ? "font-medium text-red-700" : "font-medium text-slate-900"}>{label(e.action)}</span>
                <span className="ml-2 text-xs text-slate-500">{t(`securityEvents.actors.${e.actor}`)}</span>
              </div>
              <div className="flex flex-wrap gap-x-3 text-xs text-slate-500">
                <time dateTime={e.created_at}>{format.dateTime(new Date(e.created_at), "dateTime")}</time>
                <span className="font-mono">{e.client_address ?? "—"}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
