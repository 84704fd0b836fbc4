// What a list shows when it has nothing to show: an optional icon, a title, a line of
// text and an optional action (e.g. "reset the filter"), in one dashed box.
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export function EmptyState({
  title,
  text,
  icon,
  action,
  testId,
  level = 2,
  className,
}: {
  title?: ReactNode;
  text?: ReactNode;
  /** An inline SVG (decorative). */
  icon?: ReactNode;
  action?: ReactNode;
  testId?: string;
  /** The heading level of the title within the page. */
  level?: 2 | 3;
  /** Replaces the dashed frame (border, radius, padding) when given. */
  className?: string;
}) {
  const Heading = level === 3 ? "h3" : "h2";
  return (
    <div className={cn("bg-white text-center", className ?? "rounded-lg border border-dashed border-slate-300 px-6 py-12")} data-testid={testId}>
      {icon && <div aria-hidden className="mx-auto mb-3 size-10 text-slate-300 [&>svg]:size-10">{icon}</div>}
      {title && <Heading className="text-base font-medium text-slate-900">{title}</Heading>}
      {text && <p className={cn("mx-auto max-w-md text-sm text-slate-500", title && "mt-1")}>{text}</p>}
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}
