"use client";
// The notification centre in the header: a bell with the unread count (kept live by the
// `notification` socket event) that opens a popover of the newest notifications — "mark
// all read", each one a link to its VPS (opening it marks it read), a link to the full
// list. Keyboard: Enter/Space opens, focus moves into the popover, Arrow keys move between
// notifications, Esc closes and gives focus back to the bell; a click outside closes it.
//
// The bell is on every signed-in page, so only the button, the count and the popover's frame
// are here; what the popover lists (notification-centre.tsx: the texts, their formatting,
// marking read) is a chunk of its own, fetched when the bell is first pointed at, focused
// or opened. The count shares the page's query cache and socket (queries.ts).
import { lazy, Suspense, useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslations } from "use-intl";
import { Spinner } from "@/components/ui/spinner";
import { useLiveNotifications, useRecentNotifications } from "./queries";

const loadCentre = () => import("./notification-centre");
const NotificationCentre = lazy(() => loadCentre().then((m) => ({ default: m.NotificationCentre })));

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
  useLiveNotifications();
  const [open, setOpen] = useState(false);
  // Where the popover goes: under the bell, its right edge at the bell's, kept on screen (on
  // a phone the header wraps, so the bell's place is read when it opens).
  const [place, setPlace] = useState({ top: 56, right: 8 });
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  const unread = recent.data?.unread ?? 0;

  const close = useCallback((focusBell: boolean) => {
    setOpen(false);
    if (focusBell) button.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    // The frame holds focus (Esc works) until the list is there; it then moves focus on.
    if (!panel.current?.contains(document.activeElement)) panel.current?.focus();
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

  const prefetch = () => void loadCentre();

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={unread > 0 ? t("bellUnread", { n: unread }) : t("bell")}
        onPointerEnter={prefetch}
        onFocus={prefetch}
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
          tabIndex={-1}
          onKeyDown={onPanelKey}
          data-testid="notification-centre"
          style={{ top: place.top, right: place.right }}
          className="fixed z-40 w-[min(24rem,calc(100vw-1rem))] overflow-hidden rounded-lg border border-slate-200 bg-white shadow-lg focus:outline-none"
        >
          <Suspense fallback={<p className="flex items-center gap-2 px-3 py-6 text-sm text-slate-600" role="status"><Spinner /> {t("loading")}</p>}>
            <NotificationCentre onClose={close} />
          </Suspense>
        </div>
      )}
    </div>
  );
}
