// Filters of the inbound log, shared by GET /api/admin/sync-log (strict: 400 on a bad value)
// and the /admin/sync-log page (lenient). Browser-safe.
import { z } from "zod";
import { pageParam, perPageParam } from "../list/page";

export const INBOUND_OUTCOMES = ["ok", "rejected"] as const;

export const inboundFilterShape = {
  /** ok: answered below 400; rejected: 400 and up (a refused key, a bad body, a failure). */
  status: z.enum(INBOUND_OUTCOMES).optional(),
  /** The route's path pattern, as the rows show it ("/api/vps/sync"). */
  endpoint: z.string().trim().regex(/^\/api\/[A-Za-z0-9_:/-]{1,190}$/, "endpoint must be a path such as /api/vps/sync").optional(),
  /** A panel VPS id. */
  vps: z.coerce.number({ error: "vps must be a VPS id" }).int().min(1).max(2_147_483_647).optional(),
};

export const inboundApiQuerySchema = z.object({
  ...inboundFilterShape,
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const inboundPageQuerySchema = z.object({ ...inboundFilterShape, page: pageParam, per_page: perPageParam });
export type InboundPageQuery = z.infer<typeof inboundPageQuerySchema>;
export type InboundFilters = Pick<InboundPageQuery, keyof typeof inboundFilterShape>;

/** One inbound log row on the wire. */
export interface InboundCallView {
  id: string;
  created_at: string;
  endpoint: string;
  method: string;
  action: string | null;
  vps_id: number | null;
  external_id: string | null;
  status: number;
  error_code: string | null;
  message: string | null;
  duration_ms: number;
  request_id: string;
  client_address: string | null;
  idempotency_key: string | null;
}
