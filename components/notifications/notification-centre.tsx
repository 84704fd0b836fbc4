"use client";
// What the bell's popover lists (notification-bell.tsx holds the frame, the keys and the
// placement): the newest notifications in the reader's language, "mark all read", a link to
// the full list. Loaded on first use, so pages carry it only once the bell is used.
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import { Spinner } from "@/components/ui/spinner";
import type { NotificationView } from "@/lib/notifications/types";
import { NotificationItem } from "./notification-item";
import { useMarkRead, useRecentNotifications } from "./queries";

export function NotificationCentre({ onClose }: { onClose: (focusBell: boolean) => void }) {
  const t = useTranslations("notifications");
  const recent = useRecentNotifications();
  const markRead = useMarkRead();
  const root = useRef<HTMLDivElement>(null);
  const unread = recent.data?.unread ?? 0;
  const items = recent.data?.notifications ?? [];

  useEffect(() => {
    // The newest notification first; with none, the first control (mark all, show all).
    const first = root.current?.querySelector<HTMLElement>("[data-testid=notification-item]") ?? root.current?.querySelector<HTMLElement>("button, a");
    first?.focus();
  }, []);

  // Opening a notification (its link) marks it read and closes the popover.
  const onOpenItem = (n: NotificationView) => {
    if (n.read_at === null) markRead.mutate({ ids: [n.id] });
    onClose(false);
  };

  return (
    <div ref={root}>
      <div className="flex items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-900">{t("title")}</h2>
        {unread > 0 && (
          <button
            type="button"
            onClick={() => markRead.mutate({ all: true })}
            disabled={markRead.isPending}
            data-testid="notifications-mark-all"
            className="rounded px-2 py-1 text-xs font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-60"
          >
            {t("markAllRead")}
          </button>
        )}
      </div>
      <div className="max-h-[min(55vh,28rem)] overflow-y-auto p-1">
        {recent.isPending ? (
          <p className="flex items-center gap-2 px-3 py-6 text-sm text-slate-600" role="status"><Spinner /> {t("loading")}</p>
        ) : recent.isError ? (
          <p className="px-3 py-6 text-sm text-red-700" role="alert">
            {t("error")}{" "}
            <button type="button" className="underline" onClick={() => void recent.refetch()}>{t("retry")}</button>
          </p>
        ) : items.length === 0 ? (
          <div className="px-3 py-8 text-center" data-testid="notifications-empty">
            <p className="text-sm font-medium text-slate-900">{t("emptyTitle")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("emptyBody")}</p>
          </div>
        ) : (
          <ul className="space-y-0.5">
            {items.map((n) => (
              <li key={n.id}><NotificationItem n={n} onOpen={onOpenItem} compact /></li>
            ))}
          </ul>
        )}
      </div>
      <div className="border-t border-slate-100 p-1">
        <Link href="/notifications" onClick={() => onClose(false)} className="block rounded-md px-3 py-2 text-center text-sm font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500" data-testid="notifications-show-all">
          {t("showAll")}
        </Link>
      </div>
    </div>
  );
}
