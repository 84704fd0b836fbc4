"use client";
// /notifications: the full list page by page, in TanStack Query like the other lists; the
// bell's store (queries.ts) says when it changed.
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { fetchNotifications, useNotificationsChanged } from "./queries";

const pagesKey = ["notifications", "pages"] as const;

/** Every notification, newest first, `perPage` at a time; re-read when the centre changes. */
export function useNotificationPages(perPage = 25) {
  const qc = useQueryClient();
  useNotificationsChanged(useCallback(() => void qc.invalidateQueries({ queryKey: pagesKey }), [qc]));
  return useInfiniteQuery({
    queryKey: [...pagesKey, perPage],
    queryFn: ({ pageParam, signal }) => fetchNotifications(perPage, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}
