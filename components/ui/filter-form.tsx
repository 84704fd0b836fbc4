"use client";
// A GET form whose fields live in the URL: without JavaScript it submits as usual; with it,
// a changed select applies at once and typing applies after a short pause, without a full
// reload. Empty and default fields are left out of the URL, and so is the page number (a
// new filter starts at page one).
import { useRouter } from "next/navigation";
import { useEffect, useRef, useTransition, type ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export function FilterForm({
  action,
  children,
  className,
  label,
  defaults = {},
}: {
  action: string;
  children: ReactNode;
  className?: string;
  label: string;
  /** Values that are the default anyway, left out of the URL to keep it short. */
  defaults?: Record<string, string>;
}) {
  const router = useRouter();
  const ref = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [pending, start] = useTransition();

  useEffect(() => () => clearTimeout(timer.current), []);

  function apply() {
    clearTimeout(timer.current);
    const params = new URLSearchParams();
    for (const [k, v] of new FormData(ref.current!)) if (typeof v === "string" && v.trim() !== "" && defaults[k] !== v) params.set(k, v.trim());
    const qs = params.toString();
    start(() => router.replace(`${action}${qs ? `?${qs}` : ""}`, { scroll: false }));
  }

  return (
    <form
      ref={ref}
      method="get"
      action={action}
      role="search"
      aria-label={label}
      aria-busy={pending}
      data-pending={pending || undefined}
      className={cn("transition-opacity data-[pending]:opacity-80", className)}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      onChange={(e) => {
        if (e.target instanceof HTMLSelectElement) apply();
        else {
          clearTimeout(timer.current);
          timer.current = setTimeout(apply, 400);
        }
      }}
    >
      {children}
    </form>
  );
}
