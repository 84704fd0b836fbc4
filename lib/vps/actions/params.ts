// zod params per §9 action, in one place: the ask (`{"action": TYPE, ...params}`) and the
// main site's report. What the request stores as `params` is the parsed object minus `action`.
import isFQDN from "validator/lib/isFQDN.js";
import { z } from "zod";
import { RAM_MAX_MB, RAM_MIN_MB, vpsNameSchema } from "../schemas";
import type { ActionType } from "./catalogue";

const id = (what: string) => z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()], { error: `${what} is required` });
// validator's isFQDN: labels of letters, digits and '-', a real TLD; stored lower case, without the root dot.
const hostname = z
  .string({ error: "hostname is required" })
  .trim()
  .toLowerCase()
  .min(1, "hostname is required")
  .max(253, "hostname must be at most 253 characters")
  .refine((h) => isFQDN(h, { require_tld: true, allow_underscores: false, allow_trailing_dot: true, allow_numeric_tld: false }), {
    message: "hostname must be a fully qualified domain name such as mail.example.com",
  })
  .transform((h) => h.replace(/\.$/, ""));
const empty = <T extends ActionType>(a: T) => z.object({ action: z.literal(a) }).strict();

export const actionInputSchema = z.discriminatedUnion("action", [
  empty("start"),
  empty("stop"),
  empty("reboot"),
  z.object({ action: z.literal("rename"), name: vpsNameSchema }).strict(),
  z
    .object({
      action: z.literal("reinstall"),
      os: z.string().trim().min(1, "os is required").max(100),
      ssh_key_ids: z.array(z.number().int().positive()).max(20).optional(),
      confirm: z.string({ error: "confirm must equal the VPS name" }),
    })
    .strict(),
  empty("reset_password"),
  z.object({ action: z.literal("set_rdns"), ip: z.union([z.ipv4(), z.ipv6()], { error: "ip must be an IP address" }), hostname }).strict(),
  z.object({ action: z.literal("snapshot_create"), name: z.string().trim().min(1, "name is required").max(63) }).strict(),
  z.object({ action: z.literal("snapshot_restore"), snapshot_id: id("snapshot_id") }).strict(),
  z.object({ action: z.literal("snapshot_delete"), snapshot_id: id("snapshot_id") }).strict(),
  z.object({ action: z.literal("backup_restore"), backup_id: id("backup_id") }).strict(),
  empty("console"),
  empty("suspend"),
  empty("resume"),
  empty("terminate"),
  z
    .object({
      action: z.literal("resize"),
      cpu: z.number().int().min(1).max(1024),
      ram: z.number().int().min(RAM_MIN_MB, `ram is MB, at least ${RAM_MIN_MB}`).max(RAM_MAX_MB),
      disk: z.number().int().min(1).max(1_000_000),
    })
    .strict(),
]);
export type ActionInput = z.infer<typeof actionInputSchema>;

export function paramsOf(input: ActionInput): Record<string, unknown> {
  const { action: _action, ...params } = input;
  return params;
}

/** POST /api/vps/actions/{request_id}: the main site's report. */
export const actionReportSchema = z.discriminatedUnion("status", [
  z
    .object({
      status: z.literal("in_progress"),
      progress: z.number().min(0).max(100).optional(),
      message: z.string().max(1000).optional(),
    })
    .strict(),
  z
    .object({
      status: z.literal("completed"),
      result: z.record(z.string(), z.unknown()).optional(),
      message: z.string().max(1000).optional(),
    })
    .strict(),
  z.object({ status: z.literal("failed"), message: z.string().min(1, "message is required").max(1000) }).strict(),
]);
export type ActionReport = z.infer<typeof actionReportSchema>;

/** Parts of a result that never go into `result` in the clear (stored encrypted). */
export const SECRET_RESULT_KEYS = ["root_password", "vnc"] as const;

export function splitResult(result: Record<string, unknown> | undefined): { open: Record<string, unknown> | null; secret: Record<string, unknown> | null } {
  if (!result) return { open: null, secret: null };
  const open: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) ((SECRET_RESULT_KEYS as readonly string[]).includes(k) ? secret : open)[k] = v;
  return { open, secret: Object.keys(secret).length ? secret : null };
}
