"use client";
// Keeps /admin/sync-log live: when the panel signals new inbound rows (and after a
// reconnect), the server-rendered page is re-read in place (router.refresh keeps the
// filters, the scroll and focus). Only on the first page: later pages would shift under
// the reader.
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useLiveConnection, useLiveSignal, useOnReconnect } from "@/components/realtime/use-live-events";
import { INBOUND_SIGNAL } from "@/lib/inbound-log/signal";

export function SyncLogLive({ firstPage, labels }: { firstPage: boolean; labels: { live: string; paused: string; offline: string } }) {
  const router = useRouter();
  const connected = useLiveConnection();
  const refresh = useCallback(() => {
    if (firstPage) router.refresh();
  }, [firstPage, router]);
  useLiveSignal(INBOUND_SIGNAL, refresh);
  useOnReconnect(refresh);
  const text = !connected ? labels.offline : firstPage ? labels.live : labels.paused;
  return (
    <p role="status" aria-live="polite" className="flex items-center gap-2 text-xs text-slate-500" data-testid="live-indicator" data-connected={connected}>
      <span aria-hidden className={`size-2 rounded-full ${connected && firstPage ? "bg-emerald-500" : connected ? "bg-slate-300" : "bg-amber-400 animate-pulse"}`} />
      {text}
    </p>
  );
}
