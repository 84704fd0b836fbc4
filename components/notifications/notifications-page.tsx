"use client";
// /notifications: every notification of the signed-in user, newest first, a page at a time
// ("show more" reads the next cursor page), unread ones marked, "mark all read"; kept live
// by the same socket event as the bell.
import { useTranslations } from "use-intl";
import { EmptyState } from "@/components/list/empty-state";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import type { NotificationView } from "@/lib/notifications/types";
import { NotificationItem } from "./notification-item";
import { useNotificationPages } from "./list-queries";
import { useMarkRead, useRecentNotifications } from "./queries";

const BELL_ICON = (
  <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5"><path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" /></svg>
);

export function NotificationsPage() {
  const t = useTranslations("notifications");
  const pages = useNotificationPages();
  const recent = useRecentNotifications();
  const markRead = useMarkRead();
  const items = pages.data?.pages.flatMap((p) => p.notifications) ?? [];
  const unread = recent.data?.unread ?? pages.data?.pages[0]?.unread ?? 0;
  const onOpen = (n: NotificationView) => {
    if (n.read_at === null) markRead.mutate({ ids: [n.id] });
  };

  return (
    <section aria-labelledby="notifications-title" className="mx-auto max-w-3xl space-y-4" data-testid="notifications-page">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="notifications-title" className="text-2xl font-semibold text-slate-900">{t("title")}</h1>
        <Button variant="secondary" size="sm" onClick={() => markRead.mutate({ all: true })} disabled={unread === 0 || markRead.isPending} data-testid="notifications-page-mark-all">
          {markRead.isPending && <Spinner />}
          {unread === 0 ? t("allRead") : t("markAllRead")}
        </Button>
      </div>
      {pages.isPending ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600"><Spinner /> {t("loading")}</p>
      ) : pages.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {t("error")} <button type="button" className="underline" onClick={() => void pages.refetch()}>{t("retry")}</button>
        </p>
      ) : items.length === 0 ? (
        <EmptyState icon={BELL_ICON} title={t("emptyTitle")} text={t("emptyBody")} testId="notifications-page-empty" />
      ) : (
        <Card>
          <ul className="divide-y divide-slate-100 p-1" data-testid="notifications-list">
            {items.map((n) => (
              <li key={n.id} className="py-0.5"><NotificationItem n={n} onOpen={onOpen} /></li>
            ))}
          </ul>
          {pages.hasNextPage && (
            <div className="border-t border-slate-100 p-3 text-center">
              <Button variant="secondary" size="sm" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage} data-testid="notifications-load-more">
                {pages.isFetchingNextPage && <Spinner />}
                {t("loadMore")}
              </Button>
            </div>
          )}
        </Card>
      )}
    </section>
  );
}
