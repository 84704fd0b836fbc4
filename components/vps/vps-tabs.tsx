"use client";
// The VPS page's sections as WAI-ARIA tabs: arrow keys, Home and End move between tabs
// (automatic activation, roving tabindex), the chosen tab is in the URL (?tab=…, replaced
// in place: no navigation, no server round trip) so a link or a reload opens it again.
// Every panel is rendered (inactive ones `hidden`), so a section's live state survives a
// tab switch and the server-rendered page holds all of them. On a phone the strip takes
// short labels and scrolls sideways without a scrollbar: a fade with a chevron marks each
// end that hides tabs, and the active tab is kept in view.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { cn } from "@/lib/utils/cn";

import type { VpsTab } from "./vps-tab-names";

export type { VpsTab } from "./vps-tab-names";

export interface TabSpec {
  id: VpsTab;
  label: string;
  /** Shown instead of `label` below the sm breakpoint, so the strip fits a phone. */
  shortLabel?: string;
  /** A small count or marker after the label (e.g. requests in flight). */
  badge?: ReactNode;
  panel: ReactNode;
}

/** Which ends of the scrolling strip hide tabs (a phone's width, a long English label). */
function useHiddenEnds(list: RefObject<HTMLDivElement | null>) {
  const [ends, setEnds] = useState({ start: false, end: false });
  const measure = useCallback(() => {
    const l = list.current;
    if (!l) return;
    const start = l.scrollLeft > 1;
    const end = l.scrollLeft + l.clientWidth < l.scrollWidth - 1;
    setEnds((cur) => (cur.start === start && cur.end === end ? cur : { start, end }));
  }, [list]);
  useEffect(() => {
    const l = list.current;
    if (!l) return;
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(l);
    // A tab grows too (the activity tab's in-flight count comes and goes).
    for (const tab of Array.from(l.children)) ro.observe(tab);
    return () => ro.disconnect();
  }, [list, measure]);
  return { ...ends, measure };
}

/** How far from the strip's edge the active tab is kept: clear of the edge's fade. */
const EDGE_PX = 40;

export function VpsTabs({ tabs, initial, label }: { tabs: TabSpec[]; initial: VpsTab; label: string }) {
  const [active, setActive] = useState<VpsTab>(tabs.some((t) => t.id === initial) ? initial : tabs[0].id);
  const refs = useRef(new Map<VpsTab, HTMLButtonElement>());
  const list = useRef<HTMLDivElement>(null);
  const hidden = useHiddenEnds(list);
  const { measure } = hidden;

  // On a phone the tab list scrolls sideways: keep the active tab in view, clear of the
  // fades (the list only, never the page).
  useEffect(() => {
    const l = list.current;
    const b = refs.current.get(active);
    if (!l || !b) return;
    const first = b === l.firstElementChild;
    const last = b === l.lastElementChild;
    if (b.offsetLeft - EDGE_PX < l.scrollLeft) l.scrollLeft = first ? 0 : b.offsetLeft - EDGE_PX;
    else if (b.offsetLeft + b.offsetWidth + EDGE_PX > l.scrollLeft + l.clientWidth) l.scrollLeft = last ? l.scrollWidth : b.offsetLeft + b.offsetWidth + EDGE_PX - l.clientWidth;
    measure();
  }, [active, measure]);

  /** A tap on a fade moves the strip by most of its width (pointer users; keys use arrows). */
  function nudge(direction: 1 | -1) {
    const l = list.current;
    if (l) l.scrollBy({ left: direction * l.clientWidth * 0.7, behavior: "smooth" });
  }

  function select(id: VpsTab, focus = false) {
    setActive(id);
    if (focus) refs.current.get(id)?.focus();
    const url = new URL(window.location.href);
    if (id === "overview") url.searchParams.delete("tab");
    else url.searchParams.set("tab", id);
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const i = tabs.findIndex((t) => t.id === active);
    const to =
      e.key === "ArrowRight" ? (i + 1) % tabs.length
      : e.key === "ArrowLeft" ? (i - 1 + tabs.length) % tabs.length
      : e.key === "Home" ? 0
      : e.key === "End" ? tabs.length - 1
      : null;
    if (to === null) return;
    e.preventDefault();
    select(tabs[to].id, true);
  }

  const fade = "absolute inset-y-0 z-10 flex w-10 items-center text-slate-500 from-white via-white/90 to-transparent sm:hidden";
  return (
    <div>
      <div className="relative -mx-4 sm:mx-0">
        <div
          ref={list}
          role="tablist"
          aria-label={label}
          onKeyDown={onKeyDown}
          onScroll={hidden.measure}
          className="relative flex gap-1 overflow-x-auto border-b border-slate-200 px-4 [scrollbar-width:none] sm:px-0 [&::-webkit-scrollbar]:hidden"
          data-testid="vps-tabs"
        >
          {tabs.map((t) => {
            const selected = t.id === active;
            return (
              <button
                key={t.id}
                ref={(el) => {
                  if (el) refs.current.set(t.id, el);
                  else refs.current.delete(t.id);
                }}
                type="button"
                role="tab"
                id={`vps-tab-${t.id}`}
                aria-selected={selected}
                aria-controls={`vps-panel-${t.id}`}
                tabIndex={selected ? 0 : -1}
                onClick={() => select(t.id)}
                data-testid={`vps-tab-${t.id}`}
                className={cn(
                  "-mb-px inline-flex shrink-0 items-center gap-2 whitespace-nowrap border-b-2 px-2.5 py-2.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset sm:px-3",
                  selected ? "border-sky-600 text-sky-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
                )}
              >
                {t.shortLabel ? (
                  <>
                    <span className="sm:hidden">{t.shortLabel}</span>
                    <span className="hidden sm:inline">{t.label}</span>
                  </>
                ) : (
                  t.label
                )}
                {t.badge}
              </button>
            );
          })}
        </div>
        {hidden.start && (
          <span aria-hidden onClick={() => nudge(-1)} className={cn(fade, "left-0 bottom-px justify-start bg-gradient-to-r pl-1")} data-testid="vps-tabs-more-start">
            <Chevron direction="left" />
          </span>
        )}
        {hidden.end && (
          <span aria-hidden onClick={() => nudge(1)} className={cn(fade, "right-0 bottom-px justify-end bg-gradient-to-l pr-1")} data-testid="vps-tabs-more-end">
            <Chevron direction="right" />
          </span>
        )}
      </div>
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`vps-panel-${t.id}`}
          aria-labelledby={`vps-tab-${t.id}`}
          hidden={t.id !== active}
          tabIndex={0}
          className="pt-5 focus-visible:outline-none"
          data-testid={`vps-panel-${t.id}`}
        >
          {t.panel}
        </div>
      ))}
    </div>
  );
}

function Chevron({ direction }: { direction: "left" | "right" }) {
  return (
    <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <path d={direction === "left" ? "M12.5 4.5 7 10l5.5 5.5" : "M7.5 4.5 13 10l-5.5 5.5"} />
    </svg>
  );
}
