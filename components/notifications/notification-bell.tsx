"use client";
// The notification centre in the header: a bell with the unread count (kept live by the
// `notification` socket event) that opens a popover of the newest notifications — "mark
// all read", each one a link to its VPS (opening it marks it read), a link to the full
// list. Keyboard: Enter/Space opens, focus moves into the popover, Arrow keys move between
// notifications, Esc closes and gives focus back to the bell; a click outside closes it.
import Link from "next/link";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";
import { Spinner } from "@/components/ui/spinner";
import type { NotificationView } from "@/lib/notifications/schemas";
import { NotificationItem } from "./notification-item";
import { useLiveNotifications, useMarkRead, useRecentNotifications } from "./queries";

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" className="size-5" aria-hidden>
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const t = useTranslations("notifications");
  const recent = useRecentNotifications();
  const markRead = useMarkRead();
  useLiveNotifications();
  const [open, setOpen] = useState(false);
  // Where the popover goes: under the bell, its right edge at the bell's, kept on screen (on
  // a phone the header wraps, so the bell's place is read when it opens).
  const [place, setPlace] = useState({ top: 56, right: 8 });
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const unread = recent.data?.unread ?? 0;
  const items = recent.data?.notifications ?? [];

  const close = useCallback((focusBell: boolean) => {
    setOpen(false);
    if (focusBell) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    // The newest notification first; with none, the first control (mark all, show all).
    const first = panel.current?.querySelector<HTMLElement>("[data-testid=notification-item]") ?? panel.current?.querySelector<HTMLElement>("button, a");
    first?.focus();
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function onPanelKey(e: KeyboardEvent<HTMLDivElement>) {
    if (e.key === "Escape") {
      e.preventDefault();
      close(true);
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const links = [...(panel.current?.querySelectorAll<HTMLElement>("[data-testid=notification-item]") ?? [])];
    if (links.length === 0) return;
    e.preventDefault();
    const i = links.indexOf(document.activeElement as HTMLElement);
    const next = e.key === "ArrowDown" ? (i + 1) % links.length : (i - 1 + links.length) % links.length;
    links[i < 0 ? 0 : next].focus();
  }

  // Opening a notification (its link) marks it read and closes the popover.
  const onOpenItem = (n: NotificationView) => {
    if (n.read_at === null) markRead.mutate({ ids: [n.id] });
    setOpen(false);
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={unread > 0 ? t("bellUnread", { n: unread }) : t("bell")}
        onClick={() => {
          const r = button.current?.getBoundingClientRect();
          if (r) {
            const width = Math.min(384, window.innerWidth - 16); // the popover's w-[min(24rem,100vw-1rem)]
            const right = Math.min(Math.max(8, window.innerWidth - r.right), window.innerWidth - width - 8);
            setPlace({ top: Math.round(r.bottom + 8), right: Math.round(right) });
          }
          setOpen((o) => !o);
        }}
        data-testid="notification-bell"
        data-unread={unread}
        className="relative grid size-9 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500"
      >
        <BellIcon />
        {unread > 0 && (
          <span aria-hidden data-testid="notification-count" className="absolute -right-0.5 -top-0.5 min-w-[1.15rem] rounded-full bg-red-600 px-1 text-center text-[11px] font-semibold leading-[1.15rem] text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          role="dialog"
          aria-label={t("title")}
          onKeyDown={onPanelKey}
          data-testid="notification-centre"
          style={{ top: place.top, right: place.right }}
          className="fixed z-40 w-[min(24rem,calc(100vw-1rem))] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg"
        >
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
            <Link href="/notifications" onClick={() => setOpen(false)} className="block rounded-md px-3 py-2 text-center text-sm font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500" data-testid="notifications-show-all">
              {t("showAll")}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
