// The VPS page's network, snapshots and backups sections (GET /api/vps/:id/{network,
// snapshots,backups}): what the main site last pushed, read by the owner or an admin
// (lib/vps/access.ts; anyone else's id is 404). Also the snapshot limit of the VPS's plan.
import type { Db, Prisma } from "../../db";
import { notFound } from "../../errors";
import type { Actor } from "../../users/actor";
import { readableVpsWhere } from "../access";
import type { Backup, BackupsView, NetworkView, RdnsEntry, Snapshot, SnapshotsView } from "./schemas";

/** The snapshot limit of a VPS that came from no plan (synced directly, BILLmanager). */
export const DEFAULT_SNAPSHOT_LIMIT = 3;

type Tx = Pick<Db, "vps">;

export async function readLists(tx: Tx, where: Prisma.VpsWhereInput) {
  const row = await tx.vps.findFirst({
    where,
    select: { id: true, ipAddress: true, lists: true, order: { select: { plan: { select: { snapshotLimit: true } } } } },
  });
  if (!row) throw notFound("VPS not found");
  return {
    ipAddress: row.ipAddress,
    snapshots: (row.lists?.snapshots ?? []) as Snapshot[],
    backups: (row.lists?.backups ?? []) as Backup[],
    rdns: (row.lists?.rdns ?? []) as RdnsEntry[],
    snapshotLimit: row.order?.plan.snapshotLimit ?? DEFAULT_SNAPSHOT_LIMIT,
    updatedAt: row.lists?.updatedAt.toISOString() ?? null,
  };
}

export async function getVpsSnapshots(db: Db, actor: Actor, id: number): Promise<SnapshotsView> {
  const l = await readLists(db, readableVpsWhere(actor, id));
  return { snapshots: l.snapshots, limit: l.snapshotLimit, updated_at: l.updatedAt };
}

export async function getVpsBackups(db: Db, actor: Actor, id: number): Promise<BackupsView> {
  const l = await readLists(db, readableVpsWhere(actor, id));
  return { backups: l.backups, updated_at: l.updatedAt };
}

/** The VPS's addresses: its primary ip_address first, then any other the main site gave rDNS for. */
export function vpsAddresses(ipAddress: string | null, rdns: readonly RdnsEntry[]): NetworkView["addresses"] {
  const ips = [...new Set([...(ipAddress ? [ipAddress] : []), ...rdns.map((r) => r.ip)])];
  return ips.map((ip) => ({
    ip,
    version: ip.includes(":") ? 6 : 4,
    primary: ip === ipAddress,
    hostname: rdns.find((r) => r.ip === ip)?.hostname ?? null,
  }));
}

export async function getVpsNetwork(db: Db, actor: Actor, id: number): Promise<NetworkView> {
  const l = await readLists(db, readableVpsWhere(actor, id));
  return { addresses: vpsAddresses(l.ipAddress, l.rdns), updated_at: l.updatedAt };
}
