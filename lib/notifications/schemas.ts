// Requests of the notification centre and the preferences (app/api/notifications,
// app/api/account/notifications; PRODUCT.md §11). The wire shape and kinds are
// lib/notifications/types.ts (zod-free, what the browser imports).
import { z } from "zod";

export * from "./types";

export const NOTIFICATIONS_PAGE_MAX = 100;

const notificationId = z
  .union([z.string().regex(/^[1-9]\d{0,18}$/), z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)], { message: "ids must be notification ids" })
  .transform((v) => BigInt(v));

export const listNotificationsQuery = z.object({
  /** The last id of the previous page: the next page holds older notifications. */
  cursor: z.string().regex(/^[1-9]\d{0,18}$/, "cursor must be a notification id").transform(BigInt).optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_PAGE_MAX).default(20),
});

export const markReadBody = z.union(
  [
    z.strictObject({ ids: z.array(notificationId).min(1, "ids must name at least one notification").max(500, "at most 500 ids at once") }),
    z.strictObject({ all: z.literal(true) }),
  ],
  { message: 'send {"ids":[…]} or {"all":true}' },
);
export type MarkReadInput = z.output<typeof markReadBody>;

export const preferencesBody = z.strictObject({ panel: z.boolean(), email: z.boolean() });
export type PreferencesInput = z.output<typeof preferencesBody>;
