// One table for every list page, one responsive rule, each row rendered once:
//   - from `md` (768 px) up it is a table; priority-3 columns appear from `lg` (1024 px);
//   - below `md` every row is a two-column block: priority-1 cells on top (the first is
//     the row's title, the next ones sit at its right), priority-2 cells below it, each
//     labelled with its column's name; priority-3 cells are left out.
// No hooks and no text of its own, so server pages and client components both render it.
import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

export type ColumnPriority = 1 | 2 | 3;

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** The label a phone shows before a priority-2 value (the header's text when it is a string; "" for none). */
  label?: string;
  cell: (row: T) => ReactNode;
  /** 1: always, the row's title first; 2 (default): everywhere, labelled on phones; 3: wide screens only. */
  priority?: ColumnPriority;
  /** On phones the value takes the row's full width (long values: URLs, details). */
  wide?: boolean;
  align?: "left" | "right";
  /** Extra classes of the column's cells (e.g. a monospace font). */
  className?: string;
  /** aria-sort of the column header when the list is sorted by it. */
  sorted?: "ascending" | "descending";
}

type RowAttributes = { className?: string } & Record<`data-${string}`, string | number | boolean | undefined>;

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  label,
  className,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  /** data-* attributes (test ids, ids, states) and classes of a row. */
  rowProps?: (row: T) => RowAttributes;
  /** The table's accessible name. */
  label?: string;
  className?: string;
}) {
  const lead = columns.filter((c) => (c.priority ?? 2) === 1).length;
  let leadSeen = 0;
  const cellClass = columns.map((c) => {
    const priority = c.priority ?? 2;
    const first = priority === 1 && leadSeen++ === 0;
    return cn(
      "min-w-0 [overflow-wrap:anywhere] md:table-cell md:px-4 md:py-3 md:[overflow-wrap:normal]",
      // On phones the priority-1 cells come first whatever their column's place.
      priority === 1 && cn("-order-1", first ? cn("font-medium text-slate-900", lead === 1 && "col-span-2") : "justify-self-end"),
      priority === 2 &&
        "text-xs text-slate-600 before:mr-1 before:font-sans before:text-slate-400 before:content-[attr(data-label)] md:text-sm md:text-slate-700 md:before:content-none",
      priority === 3 && "hidden text-slate-700 lg:table-cell",
      c.wide && "col-span-2",
      c.align === "right" && "md:text-right",
      c.className,
    );
  });
  const phoneLabel = columns.map((c) => {
    const text = c.label ?? (typeof c.header === "string" ? c.header : "");
    return (c.priority ?? 2) === 2 && text ? `${text}:` : undefined;
  });
  return (
    <div className={cn("overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm md:overflow-x-auto", className)}>
      <table className="block w-full text-sm md:table md:min-w-full md:divide-y md:divide-slate-200" aria-label={label}>
        <thead className="hidden bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500 md:table-header-group">
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={c.sorted}
                className={cn("px-4 py-3 font-medium", (c.priority ?? 2) === 3 && "hidden lg:table-cell", c.align === "right" && "text-right")}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 md:table-row-group">
          {rows.map((row) => {
            const { className: rowClass, ...attrs } = rowProps?.(row) ?? {};
            return (
              <tr
                key={rowKey(row)}
                {...attrs}
                className={cn("relative grid grid-cols-2 items-center gap-x-3 gap-y-1 px-4 py-3 hover:bg-slate-50 md:table-row md:p-0", rowClass)}
              >
                {columns.map((c, i) => (
                  <td key={c.key} className={cellClass[i]} data-label={phoneLabel[i]}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
