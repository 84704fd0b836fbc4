// The frame of every list page: a heading with a summary line (count) and an optional
// aside (a live indicator, a "new" button), then the filters, the list and the pager.
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export function ListShell({
  id,
  title,
  summary,
  summaryTestId = "list-total",
  aside,
  filters,
  pager,
  children,
  className,
}: {
  /** The heading's id (the section is labelled by it). */
  id: string;
  title: ReactNode;
  summary?: ReactNode;
  summaryTestId?: string;
  aside?: ReactNode;
  filters?: ReactNode;
  pager?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-labelledby={id} className={cn("space-y-4", className)}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 id={id} className="text-2xl font-semibold text-slate-900">{title}</h1>
          {summary !== undefined && <p className="text-sm text-slate-500" data-testid={summaryTestId}>{summary}</p>}
        </div>
        {aside}
      </div>
      {filters}
      {children}
      {pager}
    </section>
  );
}
