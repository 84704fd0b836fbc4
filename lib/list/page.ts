// Offset pages for every list (admin users, all VPS, the client's own VPS, the audit log):
// the page and page-size parameters as they travel in the URL, and one way to fetch a
// page that clamps a page past the end (an old link after deletions) to the last one.
// The schemas are browser-safe; fetchPage only runs the two functions it is given.
import { z } from "zod";

export const PER_PAGE_DEFAULT = 50;
export const PER_PAGE_MAX = 100;

export const pageParam = z.coerce.number().int().min(1).max(1_000_000).default(1);
export const perPageParam = z.coerce.number().int().min(1).max(PER_PAGE_MAX).default(PER_PAGE_DEFAULT);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  perPage: number;
  pages: number;
}

/** The number of pages for `total` rows (at least one, so "page 1 of 1" for an empty list). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/**
 * Counts and fetches the wanted page at once; when the page is past the end, fetches the
 * last page instead (a second query only in that case).
 */
export async function fetchPage<T>(
  want: { page: number; perPage: number },
  count: () => Promise<number>,
  fetch: (skip: number, take: number) => Promise<T[]>,
): Promise<Page<T>> {
  const { perPage } = want;
  const [total, first] = await Promise.all([count(), fetch((want.page - 1) * perPage, perPage)]);
  const pages = pageCount(total, perPage);
  const page = Math.min(want.page, pages);
  const items = page === want.page ? first : await fetch((page - 1) * perPage, perPage);
  return { items, total, page, perPage, pages };
}
