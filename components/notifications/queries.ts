"use client";
// The notification centre's data: the newest notifications with the unread count (the
// bell), the full list page by page (/notifications), marking read, and the live
// `notification` socket event (a notification created or read on another tab or device)
// that refreshes both. One query key prefix: a mutation or an event invalidates it all.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useFormatter, useLocale, useTranslations } from "use-intl";
import { useOnReconnect, useSocketMessage } from "@/components/realtime/use-live-events";
import { apiFetch } from "@/lib/api-client";
import type { Locale } from "@/lib/i18n/config";
import { describeNotification } from "@/lib/notifications/describe";
import type { MarkReadInput } from "@/lib/notifications/schemas";
import { NOTIFICATION_EVENT, type NotificationList, type NotificationMessage, type NotificationView } from "@/lib/notifications/schemas";

export const notificationsKey = ["notifications"] as const;
export const BELL_LIMIT = 8;

export const fetchNotifications = (limit: number, cursor?: string, signal?: AbortSignal) =>
  apiFetch<NotificationList>(`/api/notifications?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { signal });

export function useRecentNotifications() {
  return useQuery({ queryKey: [...notificationsKey, "recent"], queryFn: ({ signal }) => fetchNotifications(BELL_LIMIT, undefined, signal) });
}

export function useNotificationPages(perPage = 25) {
  return useInfiniteQuery({
    queryKey: [...notificationsKey, "pages", perPage],
    queryFn: ({ pageParam, signal }) => fetchNotifications(perPage, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The unread count as the server last said (a live event or a read answer sets it at once). */
function setUnread(qc: ReturnType<typeof useQueryClient>, unread: number) {
  qc.setQueryData<NotificationList>([...notificationsKey, "recent"], (old) => (old ? { ...old, unread } : old));
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { ids: string[] } | { all: true }) => apiFetch<{ unread: number }>("/api/notifications/read", { method: "POST", body: input satisfies MarkReadInput | { ids: string[] } }),
    onSuccess: ({ unread }) => {
      setUnread(qc, unread);
      void qc.invalidateQueries({ queryKey: notificationsKey });
    },
  });
}

/** Keeps the centre current: the socket's `notification` event, and a re-read after a reconnect. */
export function useLiveNotifications() {
  const qc = useQueryClient();
  const onMessage = useCallback(
    (m: NotificationMessage) => {
      if (typeof m?.unread === "number") setUnread(qc, m.unread);
      void qc.invalidateQueries({ queryKey: notificationsKey });
    },
    [qc],
  );
  useSocketMessage<NotificationMessage>(NOTIFICATION_EVENT, onMessage);
  const onReconnect = useCallback(() => void qc.invalidateQueries({ queryKey: notificationsKey }), [qc]);
  useOnReconnect(onReconnect);
}

/** A notification's title and text in the reader's language. */
export function useNotificationText() {
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
        (month) => format.dateTime(new Date(`${month}-15T12:00:00Z`), { month: "long", year: "numeric" }),
      );
      return { title: t(`kind.${d.key}.title`, d.values), body: t(`kind.${d.key}.body`, d.values) };
    },
    [t, tr, format, locale],
  );
}
