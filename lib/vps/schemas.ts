// The VPS domain's request schemas: the client's action requests, and the main site's sync
// request, `{ action, vps }`, exactly as the seeds send it (snake_case, RAM in MB, disk in
// GB). Presence is checked first so that a request that lacks fields hears which ones
// ("Missing required fields: user_id, cpu"), then values. Browser-safe.
import { z } from "zod";
import { fieldIssues, issueSummary, refusal, validationFailed } from "../errors";
import { syncListFields } from "./lists/schemas";
import { VPS_STATUSES } from "./view";
import { VPS_NAME_MAX, VPS_NAME_RE } from "./vps-action-rules";

/** Hostname-like names (VPS_NAME_RE): letters, digits, '-', '_' and '.', starting and ending with a letter or digit. */
export { VPS_NAME_MAX, VPS_NAME_RE };

export const vpsNameSchema = z
  .string()
  .trim()
  .min(1, "name is required")
  .max(VPS_NAME_MAX, `name must be at most ${VPS_NAME_MAX} characters`)
  .regex(VPS_NAME_RE, "name may contain letters, digits, '-', '_' and '.', and must start and end with a letter or digit");

/** POST /api/vps/:id/actions */
export const vpsActionInputSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("start") }),
  z.object({ action: z.literal("stop") }),
  z.object({ action: z.literal("reboot") }),
  z.object({ action: z.literal("rename"), name: vpsNameSchema }),
]);
export type VpsActionInput = z.infer<typeof vpsActionInputSchema>;

export const SYNC_ACTIONS = ["create", "update", "delete"] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];
/** `{"action":"batch","items":[{action, vps}, ...]}`: up to this many changes in one request. */
export const BATCH_MAX_ITEMS = 500;

export const CREATE_REQUIRED = ["user_id", "name", "cpu", "ram", "disk", "os"] as const;

/** A whole number, also sent as a string of digits (`"24"`: a Bitrix task id, a form field). */
const digits = (v: unknown) => (typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : v);
const wholeNumber = (what: string) => z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`);
const int = (what: string, min: number, max: number) =>
  z.preprocess(digits, wholeNumber(what).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`));

/** RAM is MB, 128 MB..4 TB. A small number is nearly always GB sent by mistake: say so. */
export const RAM_MIN_MB = 128;
export const RAM_MAX_MB = 4 * 1024 * 1024;
const ramMb = z.preprocess(
  digits,
  wholeNumber("ram (MB)")
    .max(RAM_MAX_MB, `ram (MB) must be at most ${RAM_MAX_MB} (4 TB)`)
    .superRefine((mb, ctx) => {
      if (mb >= RAM_MIN_MB) return;
      ctx.addIssue({
        code: "custom",
        message:
          mb >= 1
            ? `ram is in MB and must be at least ${RAM_MIN_MB}: ${mb} looks like GB — send ${mb * 1024}`
            : `ram (MB) must be at least ${RAM_MIN_MB}`,
      });
    }),
);
const text = (what: string, max: number) =>
  z.string({ error: `${what} must be a string` }).trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

const fields = {
  user_id: int("user_id", 1, 2_147_483_647),
  name: text("name", 255),
  status: z.enum(VPS_STATUSES, { error: `status must be one of ${VPS_STATUSES.join(", ")}` }),
  cpu: int("cpu (cores)", 1, 1024),
  ram: ramMb,
  disk: int("disk (GB)", 1, 1024 * 1024),
  os: text("os", 255),
  hypervisor: z
    .string({ error: "hypervisor must be a string" })
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/, "hypervisor must be a short name such as proxmox, vmware, kvm"),
  ip_address: z.union([z.ipv4(), z.ipv6()], { error: "ip_address must be an IPv4 or IPv6 address" }).nullable(),
  root_password: z
    .string({ error: "root_password must be a string" })
    .min(1, "root_password must not be empty")
    .max(256, "root_password must be at most 256 characters")
    .nullable(),
  order_id: int("order_id", 1, 2_147_483_647).nullable(),
};

const createVps = z.object({
  user_id: fields.user_id,
  name: fields.name,
  status: fields.status.default("creating"),
  cpu: fields.cpu,
  ram: fields.ram,
  disk: fields.disk,
  os: fields.os,
  hypervisor: fields.hypervisor.default("proxmox"),
  ip_address: fields.ip_address.optional(),
  root_password: fields.root_password.optional(),
  order_id: fields.order_id.optional(),
});

const updateVps = z.object({
  id: int("id", 1, 2_147_483_647),
  // Accepted so a full record can be sent, but it must name the current owner (sync-vps.ts).
  user_id: fields.user_id.optional(),
  name: fields.name.optional(),
  status: fields.status.optional(),
  cpu: fields.cpu.optional(),
  ram: fields.ram.optional(),
  disk: fields.disk.optional(),
  os: fields.os.optional(),
  hypervisor: fields.hypervisor.optional(),
  ip_address: fields.ip_address.optional(),
  root_password: fields.root_password.optional(),
  order_id: fields.order_id.optional(),
  // The main site's snapshots, backups and rDNS (PRODUCT.md §9), each replacing the stored list.
  ...syncListFields,
});

const deleteVps = z.object({ id: int("id", 1, 2_147_483_647) });

export type SyncCreate = z.infer<typeof createVps>;
export type SyncUpdate = z.infer<typeof updateVps>;
export type SyncRequest =
  | { action: "create"; vps: SyncCreate }
  | { action: "update"; vps: SyncUpdate }
  | { action: "delete"; vps: z.infer<typeof deleteVps> };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

function missing(names: readonly string[], obj: Record<string, unknown>) {
  return names.filter((n) => obj[n] === undefined || obj[n] === null || obj[n] === "");
}

type Ctx = z.RefinementCtx;

/** Refuses the whole request with one message (the sync API's first messages). */
function refuse(ctx: Ctx, message: string, errors?: ReturnType<typeof fieldIssues>): never {
  ctx.addIssue({ code: "custom", message, params: refusal(errors) });
  return z.NEVER;
}

function valuesOf<S extends z.ZodType>(schema: S, input: unknown, ctx: Ctx): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const { issues } = parsed.error;
  return refuse(ctx, issueSummary(issues, { heading: "Invalid values", fieldNames: false }), fieldIssues(issues));
}

function checkSyncRequest(input: unknown, ctx: Ctx): SyncRequest {
  if (!isObject(input)) return refuse(ctx, "Request body must be a JSON object {action, vps}");
  const top = missing(["action", "vps"], input);
  if (top.length) return refuse(ctx, `Missing required fields: ${top.join(", ")}`);
  if (typeof input.action !== "string" || !(SYNC_ACTIONS as readonly string[]).includes(input.action))
    return refuse(ctx, `Unknown action ${JSON.stringify(input.action)}: expected one of ${[...SYNC_ACTIONS, "batch"].join(", ")}`);
  const action = input.action as SyncAction;
  if (!isObject(input.vps)) return refuse(ctx, "vps must be a JSON object");
  const vps = input.vps;

  if (action === "create") {
    const absent = missing(CREATE_REQUIRED, vps);
    if (absent.length) return refuse(ctx, `Missing required fields: ${absent.join(", ")}`);
    return { action, vps: valuesOf(createVps, vps, ctx) };
  }
  if (missing(["id"], vps).length) return refuse(ctx, "Missing required fields: id");
  if (action === "delete") return { action, vps: valuesOf(deleteVps, vps, ctx) };
  const data = valuesOf(updateVps, vps, ctx);
  const given = Object.keys(data).filter((k) => k !== "id" && k !== "user_id" && data[k as keyof SyncUpdate] !== undefined);
  if (given.length === 0) return refuse(ctx, "Missing required fields: status (or any other field to change besides id)");
  return { action, vps: data };
}

/** One `{action, vps}` change. */
export const syncRequestSchema = z.unknown().transform((input, ctx) => checkSyncRequest(input, ctx));

/** One change, parsed on its own (each item of a batch); throws the 400 the route would answer. */
export function parseSyncRequest(input: unknown): SyncRequest {
  const parsed = syncRequestSchema.safeParse(input);
  if (!parsed.success) throw validationFailed(parsed.error);
  return parsed.data;
}

/** True for `{"action":"batch", ...}`; its items are checked one by one (parseSyncBatch). */
export const isSyncBatch = (input: unknown): input is { action: "batch" } => isObject(input) && input.action === "batch";

/**
 * The envelope of a batch: `items`, 1..BATCH_MAX_ITEMS of them. Each item is parsed on its
 * own later (parseSyncRequest), so that one bad item is answered in its place and never
 * rejects the others.
 */
function checkSyncBatch(input: Record<string, unknown>, ctx: Ctx): unknown[] {
  if (input.items === undefined || input.items === null) return refuse(ctx, "Missing required fields: items");
  if (!Array.isArray(input.items)) return refuse(ctx, "items must be an array of {action, vps}");
  if (input.items.length === 0) return refuse(ctx, "items must not be empty");
  if (input.items.length > BATCH_MAX_ITEMS)
    return refuse(ctx, `items must hold at most ${BATCH_MAX_ITEMS} changes (got ${input.items.length}): split the batch`);
  return input.items;
}

/** POST /api/vps/sync: one change, or `{"action":"batch","items":[…]}` (items still unparsed). */
export const syncBodySchema = z
  .unknown()
  .transform((input, ctx): { batch: unknown[] } | { change: SyncRequest } =>
    isSyncBatch(input) ? { batch: checkSyncBatch(input, ctx) } : { change: checkSyncRequest(input, ctx) },
  );

// GET /api/vps/sync — reconciliation: every VPS changed since `updated_since`, in
// (updated_at, id) order, `limit` at a time, continued by the opaque `next_cursor`.
export const CHANGES_MAX_LIMIT = 1000;
export const CHANGES_DEFAULT_LIMIT = 100;

export interface ChangesCursor {
  updatedAt: Date;
  id: number;
}

/** base64url of `[updated_at ISO, id]`: the last VPS of the page before. */
export function encodeChangesCursor(c: ChangesCursor): string {
  return Buffer.from(JSON.stringify([c.updatedAt.toISOString(), c.id])).toString("base64url");
}

export function decodeChangesCursor(cursor: string): ChangesCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [at, id] = value;
    if (typeof at !== "string" || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) return undefined;
    const updatedAt = new Date(at);
    if (Number.isNaN(updatedAt.getTime()) || updatedAt.toISOString() !== at) return undefined;
    return { updatedAt, id };
  } catch {
    return undefined;
  }
}

/** A date, or a date and time with its zone (a time without one would be the server's local time). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/i;

export const syncChangesQuery = z.object({
  updated_since: z
    .string()
    // An unencoded "+03:00" arrives as " 03:00" (a + in a query string is a space).
    .transform((v) => v.replace(/ (\d{2}:\d{2})$/, "+$1"))
    .refine(
      (v) => ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)),
      "updated_since must be an ISO 8601 time with its zone, such as 2026-01-31T12:00:00Z",
    )
    .transform((v) => new Date(v))
    .optional(),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, `limit must be a whole number from 1 to ${CHANGES_MAX_LIMIT}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= CHANGES_MAX_LIMIT, `limit must be a whole number from 1 to ${CHANGES_MAX_LIMIT}`)
    .default(CHANGES_DEFAULT_LIMIT),
  cursor: z
    .string()
    .transform((v, ctx) => {
      const c = decodeChangesCursor(v);
      if (!c) {
        ctx.addIssue({ code: "custom", message: "cursor is not one this endpoint issued: pass next_cursor back unchanged" });
        return z.NEVER;
      }
      return c;
    })
    .optional(),
});
export type SyncChangesQuery = z.infer<typeof syncChangesQuery>;
