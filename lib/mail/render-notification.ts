// The notification email in the recipient's language (users.locale) and time zone (the one
// they chose, else DEFAULT_TIME_ZONE: a mail has no browser to ask): subject, plain text
// and a simple HTML part, with numbers, units and dates localised (lib/i18n) and a link to
// the VPS page on the panel's public URL (NEXTAUTH_URL). Every value that came from a row
// (a VPS name is the client's own text) is escaped in the HTML part.
import { createFormatter, createTranslator } from "use-intl/core";
import { getEnv } from "../env";
import { isLocale, type Locale } from "../i18n/config";
import { FORMATS } from "../i18n/date-formats";
import { resolveTimeZone } from "../i18n/time-zone";
import { MESSAGES } from "../i18n/messages";
import { describeNotification, notificationHref } from "../notifications/describe";
import type { NotificationView } from "../notifications/schemas";

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailRecipient {
  name: string | null;
  locale: string;
  timeZone?: string | null;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

function i18nFor(locale: Locale, timeZone: string) {
  const messages = MESSAGES[locale];
  return {
    t: createTranslator({ locale, messages, namespace: "notifications" }),
    tr: createTranslator({ locale, messages, namespace: "alertRules" }),
    format: createFormatter({ locale, timeZone, formats: FORMATS }),
  };
}

export function renderNotificationEmail(n: Omit<NotificationView, "id" | "read_at">, to: EmailRecipient, baseUrl: string): RenderedEmail {
  const locale: Locale = isLocale(to.locale) ? to.locale : "ru";
  const { t, tr, format } = i18nFor(locale, resolveTimeZone(to.timeZone, null, getEnv().DEFAULT_TIME_ZONE).timeZone);
  const text = describeNotification(
    n,
    locale,
    (m) => tr(`metric.${m as "cpu_percent"}`),
    (month) => format.dateTime(new Date(`${month}-15T12:00:00Z`), "month"),
  );
  const title = t(`kind.${text.key}.title`, text.values);
  const body = t(`kind.${text.key}.body`, text.values);
  const base = baseUrl.replace(/\/+$/, "");
  const link = `${base}${notificationHref(n)}`;
  const account = `${base}/account`;
  const greeting = to.name ? t("mail.greetingNamed", { name: to.name }) : t("mail.greeting");
  const when = t("mail.when", { at: format.dateTime(new Date(n.created_at), "dateTime") });
  const footer = t("mail.footer");

  const plain = [greeting, "", body, when, "", `${t("mail.open")}: ${link}`, "", "--", `${footer}: ${account}`, ""].join("\n");
  const h = escapeHtml;
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${h(title)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#0f172a">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px">
<p style="margin:0 0 12px">${h(greeting)}</p>
<h1 style="margin:0 0 12px;font-size:18px">${h(title)}</h1>
<p style="margin:0 0 8px">${h(body)}</p>
<p style="margin:0 0 20px;color:#475569;font-size:14px">${h(when)}</p>
<p style="margin:0 0 24px"><a href="${h(link)}" style="display:inline-block;background:#0284c7;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px">${h(t("mail.openHtml", { vps: String(text.values.vps) }))}</a></p>
<p style="margin:0;color:#64748b;font-size:12px">${h(footer)}: <a href="${h(account)}" style="color:#0369a1">${h(account)}</a></p>
</div></body></html>
`;
  return { subject: title, text: plain, html };
}
