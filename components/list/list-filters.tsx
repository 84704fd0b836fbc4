"use client";
// The filter bar of a list page: the page's fields (children) in a GET form that keeps them
// in the URL (FilterForm), then "apply" and, while a filter is on, "reset".
import Link from "next/link";
import type { ReactNode } from "react";
import { useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { cn } from "@/lib/utils/cn";

export function ListFilters({
  action,
  label,
  defaults,
  filtered,
  className,
  actionsClassName,
  resetTestId,
  children,
}: {
  action: string;
  /** The search landmark's name; "Search" when omitted. */
  label?: string;
  defaults?: Record<string, string>;
  /** Whether a filter is on (then a reset link back to `action` is shown). */
  filtered: boolean;
  /** The grid of the fields and the buttons. */
  className: string;
  actionsClassName?: string;
  resetTestId?: string;
  children: ReactNode;
}) {
  const t = useTranslations("list");
  return (
    <FilterForm action={action} label={label ?? t("search")} defaults={defaults} className={className}>
      {children}
      <div className={cn("flex gap-2", actionsClassName)}>
        <button type="submit" className={buttonVariants({ variant: "secondary" })}>{t("apply")}</button>
        {filtered && (
          <Link href={action} className={buttonVariants({ variant: "ghost" })} data-testid={resetTestId}>{t("reset")}</Link>
        )}
      </div>
    </FilterForm>
  );
}
