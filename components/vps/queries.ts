"use client";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { EventMessage } from "@/lib/events/types";
import { applyLiveVps } from "@/lib/vps/live-page";
import type { VpsView } from "@/lib/vps/view";
import type { VpsFilter } from "@/lib/vps/vps-filter";
import { useLiveEvents, useOnReconnect } from "@/components/realtime/use-live-events";

const VPS_EVENTS = ["vps.created", "vps.updated", "vps.status_changed", "vps.deleted", "vps.action_resolved"] as const;

/**
 * The rows of one server-rendered page of the user's VPS, kept current by live events:
 * rows on screen change in place; a change that may move rows between pages asks the
 * server for the page again (coalesced), as does a reconnect (events may have been missed).
 */
export function useLiveVpsPage(userId: number, filter: VpsFilter, initial: VpsView[]): VpsView[] {
  const router = useRouter();
  // A new server render (navigation, refresh) replaces the rows changed in place.
  const [state, setState] = useState({ from: initial, rows: initial });
  const rows = state.from === initial ? state.rows : initial;
  if (state.from !== initial) setState({ from: initial, rows: initial });

  const current = useRef(rows);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    current.current = rows;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const refresh = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => router.refresh(), 150);
  }, [router]);

  const onEvent = useCallback(
    (e: EventMessage) => {
      const change = applyLiveVps(current.current, e, filter, userId);
      if (change.kind === "refresh") refresh();
      else if (change.kind === "rows") {
        current.current = change.rows;
        setState((s) => ({ from: s.from, rows: change.rows }));
      }
    },
    [filter, userId, refresh],
  );
  useLiveEvents([...VPS_EVENTS], onEvent);
  useOnReconnect(refresh);
  return rows;
}
