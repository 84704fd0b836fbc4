// Filters of the audit log, shared by GET /api/audit (strict: 400 on a bad value) and the
// /admin/audit page (lenient, see lib/admin/list-params.ts). Browser-safe.
import { z } from "zod";
import { AUDIT_TARGET_TYPES } from "./actions";

const day = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: "must be a date (YYYY-MM-DD) or an ISO date-time" });

export const auditFilterShape = {
  /** A user id, or a fragment of the actor's label (the email at the time, or a machine name). */
  actor: z.string().trim().max(254).optional(),
  action: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]+(\.[a-z0-9_]+)*\.?$/, "action must look like vps.created (or a prefix such as vps.)")
    .max(64)
    .optional(),
  target_type: z.enum(AUDIT_TARGET_TYPES).optional(),
  target_id: z.string().trim().regex(/^\d{1,19}$/, "target_id must be a number").optional(),
  /** From this day (00:00 UTC) or instant on. */
  from: day.optional(),
  /** Up to the end of this day (UTC), or up to this instant. */
  to: day.optional(),
};

export const auditApiQuerySchema = z.object({
  ...auditFilterShape,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type AuditApiQuery = z.infer<typeof auditApiQuerySchema>;

export const auditPageQuerySchema = z.object({
  ...auditFilterShape,
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(50),
});
export type AuditPageQuery = z.infer<typeof auditPageQuerySchema>;

export type AuditFilters = Pick<AuditApiQuery, keyof typeof auditFilterShape>;

/** One audit row on the wire. */
export interface AuditEntryView {
  id: string;
  created_at: string;
  actor: { type: "user" | "token" | "machine" | "system"; user_id: number | null; token_id: number | null; label: string | null };
  action: string;
  target: { type: string | null; id: string | null };
  client_address: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}
