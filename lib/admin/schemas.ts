// Query parameters of the admin lists (GET /api/admin/vps, /api/admin/users and their
// pages). API routes parse them strictly; pages leniently (lib/admin/list-params.ts).
// Browser-safe.
import { z } from "zod";
import { VPS_STATUSES } from "../vps/view";
import { VPS_SORTS } from "../vps/vps-filter";

export const PER_PAGE_DEFAULT = 50;
export const PER_PAGE_MAX = 100;

const page = z.coerce.number().int().min(1).max(1_000_000).default(1);
const perPage = z.coerce.number().int().min(1).max(PER_PAGE_MAX).default(PER_PAGE_DEFAULT);
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
