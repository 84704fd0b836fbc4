// What the main site pushes with a sync `update` (PRODUCT.md §9), each list replacing the
// previous one: `snapshots` [{id, name, created_at, size_gb}], `backups` [{id, created_at,
// size_gb, kind: auto|manual}], `rdns` [{ip, hostname}]. Browser-safe (the VPS page's
// sections render these views).
import { z } from "zod";

export const LIST_MAX_ITEMS = 200;
export const LIST_FIELDS = ["snapshots", "backups", "rdns"] as const;
export type ListField = (typeof LIST_FIELDS)[number];

const itemId = (what: string) =>
  z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()], { error: `${what} must be a string or a whole number` });
const at = (what: string) =>
  z
    .string({ error: `${what} must be an ISO 8601 time` })
    .refine((v) => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), `${what} must be an ISO 8601 time such as 2026-01-31T03:00:00Z`)
    .transform((v) => new Date(v).toISOString());
const sizeGb = z.number({ error: "size_gb must be a number (GB)" }).nonnegative("size_gb must not be negative").max(1e7).nullable().optional();

export const snapshotItem = z.object({
  id: itemId("snapshots[].id"),
  name: z.string({ error: "snapshots[].name must be a string" }).trim().min(1, "snapshots[].name must not be empty").max(200),
  created_at: at("snapshots[].created_at"),
  size_gb: sizeGb,
});
export const backupItem = z.object({
  id: itemId("backups[].id"),
  created_at: at("backups[].created_at"),
  size_gb: sizeGb,
  kind: z.enum(["auto", "manual"], { error: "backups[].kind must be auto or manual" }).default("auto"),
});
export const rdnsItem = z.object({
  ip: z.union([z.ipv4(), z.ipv6()], { error: "rdns[].ip must be an IPv4 or IPv6 address" }),
  hostname: z.string({ error: "rdns[].hostname must be a string" }).trim().max(253).nullable(),
});

const list = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `${what} must be an array` }).max(LIST_MAX_ITEMS, `${what} may hold at most ${LIST_MAX_ITEMS} entries`);

/** The sync update's optional list fields (lib/vps/schemas.ts adds them to `update`). */
export const syncListFields = {
  snapshots: list(snapshotItem, "snapshots").optional(),
  backups: list(backupItem, "backups").optional(),
  rdns: list(rdnsItem, "rdns").optional(),
};

export type Snapshot = z.output<typeof snapshotItem>;
export type Backup = z.output<typeof backupItem>;
export type RdnsEntry = z.output<typeof rdnsItem>;
export type VpsListsInput = { snapshots?: Snapshot[]; backups?: Backup[]; rdns?: RdnsEntry[] };

/** GET /api/vps/:id/snapshots */
export interface SnapshotsView {
  snapshots: Snapshot[];
  /** The plan's snapshot_limit (3 for a VPS without a plan). */
  limit: number;
  /** When the main site last pushed the list; null: never. */
  updated_at: string | null;
}
/** GET /api/vps/:id/backups */
export interface BackupsView {
  backups: Backup[];
  updated_at: string | null;
}
/** GET /api/vps/:id/network: every address of the VPS with its reverse DNS name. */
export interface NetworkView {
  addresses: { ip: string; version: 4 | 6; primary: boolean; hostname: string | null }[];
  updated_at: string | null;
}
