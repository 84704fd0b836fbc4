// Query parameters of the admin lists (GET /api/admin/vps, /api/admin/users and their
// pages). API routes parse them strictly; pages leniently (lib/admin/list-params.ts).
// Browser-safe.
import { z } from "zod";
import { ORDER_STATUSES } from "../orders/view";
import { VPS_STATUSES } from "../vps/view";
import { VPS_SORTS } from "../vps/vps-filter";

import { pageParam as page, perPageParam as perPage } from "../list/page";

export { PER_PAGE_DEFAULT, PER_PAGE_MAX } from "../list/page";
const q = z.string().trim().max(100).default("");

export const adminVpsQuerySchema = z.object({
  q,
  status: z.enum(VPS_STATUSES).optional(),
  /** A user id, or an email / username fragment. */
  owner: z.string().trim().max(254).optional(),
  sort: z.enum(VPS_SORTS).default("created"),
  dir: z.enum(["asc", "desc"]).optional(),
  page,
  per_page: perPage,
});
export type AdminVpsQuery = z.infer<typeof adminVpsQuerySchema>;

export const adminUsersQuerySchema = z.object({
  q,
  role: z.enum(["client", "admin"]).optional(),
  page,
  per_page: perPage,
});
export type AdminUsersQuery = z.infer<typeof adminUsersQuerySchema>;

export const adminOrdersQuerySchema = z.object({
  /** An order number, a plan code/name or an OS fragment. */
  q,
  status: z.enum(ORDER_STATUSES).optional(),
  /** A user id, or an email / username fragment. */
  user: z.string().trim().max(254).optional(),
  page,
  per_page: perPage,
});
export type AdminOrdersQuery = z.infer<typeof adminOrdersQuerySchema>;
