"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/api-client";
import type { EventMessage } from "@/lib/events/types";
import { applyLiveVps } from "@/lib/vps/live-page";
import type { VpsView } from "@/lib/vps/view";
import { vpsPageQuery, type VpsFilter } from "@/lib/vps/vps-filter";
import { useLiveEvents, useOnReconnect } from "@/components/realtime/use-live-events";

const VPS_EVENTS = ["vps.created", "vps.updated", "vps.status_changed", "vps.deleted", "vps.action_resolved"] as const;

export interface OwnVpsPageData {
  items: VpsView[];
  /** Rows matching the filter, on every page. */
  total: number;
  /** All of the user's VPS. */
  ownTotal: number;
  page: number;
  pages: number;
}

/** One dashboard page from GET /api/vps?page=N (the server's own paging and filter). */
export async function fetchOwnVpsPage(filter: VpsFilter, page: number): Promise<OwnVpsPageData> {
  const qs = vpsPageQuery(filter, page);
  const body = await apiFetch<{ vps: VpsView[]; total: number; own_total: number; page: number; pages: number }>(
    `/api/vps${qs ? `${qs}&` : "?"}page=${page}`,
  );
  return { items: body.vps, total: body.total, ownTotal: body.own_total, page: body.page, pages: body.pages };
}

/**
 * One server-rendered page of the user's VPS, kept current by live events: rows on screen
 * change in place; a change that may move rows between pages fetches the page again
 * (coalesced), as does a reconnect (events may have been missed). No navigation either way.
 */
export function useLiveVpsPage(userId: number, filter: VpsFilter, initial: OwnVpsPageData): OwnVpsPageData {
  // A new server render (navigation to another filter or page) replaces the live copy.
  const [state, setState] = useState({ from: initial, data: initial });
  const data = state.from === initial ? state.data : initial;
  if (state.from !== initial) setState({ from: initial, data: initial });

  const current = useRef(data);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    current.current = data;
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const reload = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetchOwnVpsPage(filter, current.current.page).then(
        (fresh) => setState((s) => ({ from: s.from, data: fresh })),
        () => {}, // offline: the next event or reconnect tries again
      );
    }, 150);
  }, [filter]);

  const onEvent = useCallback(
    (e: EventMessage) => {
      const change = applyLiveVps(current.current.items, e, filter, userId);
      if (change.kind === "refresh") reload();
      else if (change.kind === "rows") {
        current.current = { ...current.current, items: change.rows };
        setState((s) => ({ from: s.from, data: { ...s.data, items: change.rows } }));
      }
    },
    [filter, userId, reload],
  );
  useLiveEvents([...VPS_EVENTS], onEvent);
  useOnReconnect(reload);
  return data;
}
