"use client";
// One notification as the bell's popover and /notifications list it: an unread marker, the
// localised title and text, how long ago, a link to its VPS. Opening it marks it read.
import Link from "next/link";
import { useCallback } from "react";
import { useFormatter, useLocale, useNow, useTranslations } from "use-intl";
import type { Locale } from "@/lib/i18n/config";
import { agoClock } from "@/lib/i18n/format";
import { describeNotification, notificationHref } from "@/lib/notifications/describe";
import type { NotificationView } from "@/lib/notifications/types";
import { cn } from "@/lib/utils/cn";

/** A notification's title and text in the reader's language. */
function useNotificationText() {
  const t = useTranslations("notifications");
  const tr = useTranslations("alertRules");
  const format = useFormatter();
  const locale = useLocale() as Locale;
  return useCallback(
    (n: NotificationView) => {
      const d = describeNotification(
        n,
        locale,
        (m) => tr(`metric.${m as "cpu_percent"}`),
        (month) => format.dateTime(new Date(`${month}-15T12:00:00Z`), "month"),
      );
      return { title: t(`kind.${d.key}.title`, d.values), body: t(`kind.${d.key}.body`, d.values) };
    },
    [t, tr, format, locale],
  );
}

export function NotificationItem({ n, onOpen, compact = false }: { n: NotificationView; onOpen: (n: NotificationView) => void; compact?: boolean }) {
  const t = useTranslations("notifications");
  const format = useFormatter();
  const now = useNow({ updateInterval: 30_000 });
  const text = useNotificationText()(n);
  const unread = n.read_at === null;
  const at = new Date(n.created_at);
  return (
    <Link
      href={notificationHref(n)}
      onClick={() => onOpen(n)}
      data-testid="notification-item"
      data-unread={unread}
      data-kind={n.kind}
      className={cn(
        "flex gap-3 rounded-md px-3 py-2.5 text-left hover:bg-slate-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset",
        unread && "bg-sky-50/60",
      )}
    >
      <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", unread ? (n.kind === "alert.fired" || n.kind === "traffic.100" ? "bg-red-500" : "bg-sky-500") : "bg-transparent")} />
      <span className="min-w-0 flex-1">
        <span className={cn("block text-sm text-slate-900 break-words", unread && "font-medium")}>
          {unread && <span className="sr-only">{t("unreadMark")}: </span>}
          {text.title}
        </span>
        <span className={cn("mt-0.5 block text-sm text-slate-600 break-words", compact && "line-clamp-2")}>{text.body}</span>
        <time dateTime={n.created_at} title={format.dateTime(at, "dateTime")} className="mt-1 block text-xs text-slate-500">
          {format.relativeTime(at, agoClock(at, now))}
        </time>
      </span>
    </Link>
  );
}
