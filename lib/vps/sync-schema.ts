// The main site's sync request, `{ action, vps }`, exactly as the seeds send it
// (snake_case, RAM in MB, disk in GB). Presence is checked first so that a request that
// lacks fields hears which ones ("Missing required fields: user_id, cpu"), then values.
import { z } from "zod";
import { AppError } from "../errors";
import { VPS_STATUSES } from "./view";

export const SYNC_ACTIONS = ["create", "update", "delete"] as const;
export type SyncAction = (typeof SYNC_ACTIONS)[number];

export const CREATE_REQUIRED = ["user_id", "name", "cpu", "ram", "disk", "os"] as const;

const int = (what: string, min: number, max: number) =>
  z.number({ error: `${what} must be a number` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);
const text = (what: string, max: number) =>
  z.string({ error: `${what} must be a string` }).trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

const fields = {
  user_id: int("user_id", 1, 2_147_483_647),
  name: text("name", 255),
  status: z.enum(VPS_STATUSES, { error: `status must be one of ${VPS_STATUSES.join(", ")}` }),
  cpu: int("cpu (cores)", 1, 1024),
  ram: int("ram (MB)", 1, 16 * 1024 * 1024),
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

function invalid(error: z.ZodError): AppError {
  const errors = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  return new AppError(400, `Invalid values: ${errors.map((e) => e.message).join("; ")}`, { errors });
}

export function parseSyncRequest(input: unknown): SyncRequest {
  if (!isObject(input)) throw new AppError(400, "Request body must be a JSON object {action, vps}");
  const top = missing(["action", "vps"], input);
  if (top.length) throw new AppError(400, `Missing required fields: ${top.join(", ")}`);
  if (typeof input.action !== "string" || !(SYNC_ACTIONS as readonly string[]).includes(input.action))
    throw new AppError(400, `Unknown action ${JSON.stringify(input.action)}: expected one of ${SYNC_ACTIONS.join(", ")}`);
  const action = input.action as SyncAction;
  if (!isObject(input.vps)) throw new AppError(400, "vps must be a JSON object");
  const vps = input.vps;

  if (action === "create") {
    const absent = missing(CREATE_REQUIRED, vps);
    if (absent.length) throw new AppError(400, `Missing required fields: ${absent.join(", ")}`);
    const parsed = createVps.safeParse(vps);
    if (!parsed.success) throw invalid(parsed.error);
    return { action, vps: parsed.data };
  }
  if (missing(["id"], vps).length) throw new AppError(400, "Missing required fields: id");
  if (action === "delete") {
    const parsed = deleteVps.safeParse(vps);
    if (!parsed.success) throw invalid(parsed.error);
    return { action, vps: parsed.data };
  }
  const parsed = updateVps.safeParse(vps);
  if (!parsed.success) throw invalid(parsed.error);
  const given = Object.keys(parsed.data).filter((k) => k !== "id" && k !== "user_id" && parsed.data[k as keyof SyncUpdate] !== undefined);
  if (given.length === 0)
    throw new AppError(400, "Missing required fields: status (or any other field to change besides id)");
  return { action, vps: parsed.data };
}
