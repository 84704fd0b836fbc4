"use client";
// What the header's bell needs on every signed-in page: the newest notifications with the
// unread count, marking read, and the live `notification` socket event (a notification
// created or read on another tab or device) that keeps them current.
//
// A small store of its own rather than TanStack Query: the bell is on every page, and
// pages that use no query (the dashboard, the admin lists, the console) should not load
// the query library for one GET (issue 10: each page loads only what it uses). It behaves
// as the query did: every component that shows it reads it again when it mounts, a newer
// read supersedes one under way, a live event or a read answer sets the count at once.
// Lists kept in TanStack Query (/notifications) re-read on `useNotificationsChanged`.
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { useOnReconnect, useSocketMessage } from "@/components/realtime/use-live-events";
import { apiFetch } from "@/lib/api-client";
import { NOTIFICATION_EVENT, type NotificationList, type NotificationMessage } from "@/lib/notifications/types";

export const BELL_LIMIT = 8;

export const fetchNotifications = (limit: number, cursor?: string, signal?: AbortSignal) =>
  apiFetch<NotificationList>(`/api/notifications?limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, { signal });

interface Recent {
  data?: NotificationList;
  isPending: boolean;
  isError: boolean;
}

// Module state lives in the browser only: on the server every render sees NOT_READ (the
// store is written by effects and events, which never run there).
const NOT_READ: Recent = { isPending: true, isError: false };
let recent: Recent = NOT_READ;
let reading: AbortController | undefined;
const listeners = new Set<() => void>();
const changeListeners = new Set<() => void>();

function publish(next: Recent) {
  recent = next;
  for (const l of listeners) l();
}

/** Reads the newest notifications again; a newer read supersedes one still under way. */
export function refreshRecent(): Promise<void> {
  reading?.abort();
  const mine = (reading = new AbortController());
  return fetchNotifications(BELL_LIMIT, undefined, mine.signal).then(
    (data) => {
      if (reading === mine) publish({ data, isPending: false, isError: false });
    },
    () => {
      // A failed read keeps what was shown (the count stays), as a failed refetch does.
      if (reading === mine) publish({ ...recent, isPending: false, isError: true });
    },
  );
}

/** The unread count as the server last said (a live event or a read answer sets it at once). */
export function setUnread(unread: number) {
  if (recent.data) publish({ ...recent, data: { ...recent.data, unread } });
}

/** Notifications were created or read: the bell re-reads, and so does every list listening. */
export function notificationsChanged() {
  void refreshRecent();
  for (const l of changeListeners) l();
}

export function useNotificationsChanged(onChange: () => void) {
  useEffect(() => {
    changeListeners.add(onChange);
    return () => {
      changeListeners.delete(onChange);
    };
  }, [onChange]);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};
const current = () => recent;
const onServer = () => NOT_READ;

/** The newest notifications with the unread count; read again each time a component showing them mounts. */
export function useRecentNotifications() {
  const state = useSyncExternalStore(subscribe, current, onServer);
  useEffect(() => {
    void refreshRecent();
  }, []);
  return { ...state, refetch: refreshRecent };
}

/** Marks notifications read (`{ ids }`, or `{ all: true }`); the answer's count is shown at once. */
export function useMarkRead() {
  const [isPending, setPending] = useState(false);
  const mutate = useCallback((input: { ids: string[] } | { all: true }) => {
    setPending(true);
    apiFetch<{ unread: number }>("/api/notifications/read", { method: "POST", body: input })
      .then(({ unread }) => {
        setUnread(unread);
        notificationsChanged();
      })
      // Nothing changed on the server: what is shown stays true (the next event or read corrects it).
      .catch(() => {})
      .finally(() => setPending(false));
  }, []);
  return { mutate, isPending };
}

/** Keeps the store current: the socket's `notification` event, and a re-read after a reconnect. */
export function useLiveNotifications() {
  const onMessage = useCallback((m: NotificationMessage) => {
    if (typeof m?.unread === "number") setUnread(m.unread);
    notificationsChanged();
  }, []);
  useSocketMessage<NotificationMessage>(NOTIFICATION_EVENT, onMessage);
  useOnReconnect(notificationsChanged);
}
