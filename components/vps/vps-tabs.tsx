"use client";
// The VPS page's sections as WAI-ARIA tabs: arrow keys, Home and End move between tabs
// (automatic activation, roving tabindex), the chosen tab is in the URL (?tab=…, replaced
// in place: no navigation, no server round trip) so a link or a reload opens it again.
// Every panel is rendered (inactive ones `hidden`), so a section's live state survives a
// tab switch and the server-rendered page holds all of them.
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

import type { VpsTab } from "./vps-tab-names";

export type { VpsTab } from "./vps-tab-names";

export interface TabSpec {
  id: VpsTab;
  label: string;
  /** A small count or marker after the label (e.g. requests in flight). */
  badge?: ReactNode;
  panel: ReactNode;
}

export function VpsTabs({ tabs, initial, label }: { tabs: TabSpec[]; initial: VpsTab; label: string }) {
  const [active, setActive] = useState<VpsTab>(tabs.some((t) => t.id === initial) ? initial : tabs[0].id);
  const refs = useRef(new Map<VpsTab, HTMLButtonElement>());
  const list = useRef<HTMLDivElement>(null);

  // On a phone the tab list scrolls sideways: keep the active tab in view (the list only,
  // never the page).
  useEffect(() => {
    const l = list.current;
    const b = refs.current.get(active);
    if (!l || !b) return;
    if (b.offsetLeft < l.scrollLeft) l.scrollLeft = b.offsetLeft - 16;
    else if (b.offsetLeft + b.offsetWidth > l.scrollLeft + l.clientWidth) l.scrollLeft = b.offsetLeft + b.offsetWidth - l.clientWidth + 16;
  }, [active]);

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

  return (
    <div>
      <div
        ref={list}
        role="tablist"
        aria-label={label}
        onKeyDown={onKeyDown}
        className="relative -mx-4 flex gap-1 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0"
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
                "-mb-px inline-flex shrink-0 items-center gap-2 whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset",
                selected ? "border-sky-600 text-sky-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t.label}
              {t.badge}
            </button>
          );
        })}
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
