// A list page whose rows come a page at a time from the server (lib/list/page.ts): the
// ListShell with its pager, and the table or, for no rows, the empty state.
import type { ComponentProps, ReactNode } from "react";
import type { Page } from "@/lib/list/page";
import { DataTable } from "./data-table";
import { EmptyState } from "./empty-state";
import { ListPager } from "./list-pager";
import { ListShell } from "./list-shell";

type TableProps<T> = Omit<ComponentProps<typeof DataTable<T>>, "rows">;

export function PagedList<T>({
  result,
  href,
  empty,
  shell,
  filters,
  table,
}: {
  result: Page<T>;
  /** The URL of another page of the same list (same filters). */
  href: (page: number) => string;
  /** The empty state's text. */
  empty: ReactNode;
  shell: Omit<ComponentProps<typeof ListShell>, "filters" | "pager" | "children">;
  filters?: ReactNode;
  table: TableProps<T>;
}) {
  return (
    <ListShell
      {...shell}
      filters={filters}
      pager={<ListPager page={result.page} pages={result.pages} prevHref={href(result.page - 1)} nextHref={href(result.page + 1)} />}
    >
      {result.items.length === 0 ? <EmptyState testId="list-empty" text={empty} /> : <DataTable rows={result.items} {...table} />}
    </ListShell>
  );
}
