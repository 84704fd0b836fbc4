// resume.sh, suspend.sh, close.sh and setparam.sh: act on the VPS BILLmanager knows by the
// id open.sh printed (--id=<externalid>). Each is idempotent — BILLmanager retries — and
// only touches VPS that BILLmanager opened.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import type { Db } from "../db";
import { conflict, notFound } from "../errors";
import { deleteVps } from "../vps/delete-vps";
import { updateVps } from "../vps/update-vps";
import { parseArgs, serviceVpsId, vpsParams, type BillmanagerSettings } from "./args";

async function findService(db: Db, argv: readonly string[]) {
  const args = parseArgs(argv);
  const id = serviceVpsId(args);
  const vps = await db.vps.findFirst({
    where: { id, externalRef: { startsWith: "billmanager" } },
    select: { id: true, status: true, deletedAt: true, user: { select: { username: true, email: true } } },
  });
  if (!vps) throw notFound(`Unknown service id ${id}: no VPS opened by BILLmanager has this id`);
  const user = args.get("user")?.trim();
  if (user && user !== vps.user.username && user.toLowerCase() !== vps.user.email)
    throw conflict(`VPS ${id} belongs to another login than "${user}"`);
  return { args, vps };
}

function open<T extends { id: number; deletedAt: Date | null }>(vps: T): T {
  if (vps.deletedAt) throw notFound(`Service ${vps.id} is closed`);
  return vps;
}

export async function suspendService(db: Db, argv: readonly string[], audit: AuditContext = SYSTEM_AUDIT) {
  const { vps } = await findService(db, argv);
  if (open(vps).status !== "suspended") await updateVps(db, vps.id, { status: "suspended" }, audit);
  return { vpsId: vps.id };
}

/** Lifts a suspension. A VPS that is not suspended (running, stopped by its owner) stays as it is. */
export async function resumeService(db: Db, argv: readonly string[], audit: AuditContext = SYSTEM_AUDIT) {
  const { vps } = await findService(db, argv);
  if (open(vps).status === "suspended") await updateVps(db, vps.id, { status: "running" }, audit);
  return { vpsId: vps.id };
}

export async function setServiceParams(
  db: Db,
  argv: readonly string[],
  settings: BillmanagerSettings,
  audit: AuditContext = SYSTEM_AUDIT,
) {
  const { args, vps } = await findService(db, argv);
  open(vps);
  const p = vpsParams(args, settings);
  const changes = Object.fromEntries(
    Object.entries({ cpu: p.cpu, ramMb: p.ramMb, diskGb: p.diskGb, os: p.os }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(changes).length > 0) await updateVps(db, vps.id, changes, audit);
  return { vpsId: vps.id, changed: Object.keys(changes) };
}

/** Removes the VPS from the client's panel (soft delete, `vps.deleted`). Closing twice is fine. */
export async function closeService(db: Db, argv: readonly string[], audit: AuditContext = SYSTEM_AUDIT) {
  const { vps } = await findService(db, argv);
  if (!vps.deletedAt) await deleteVps(db, vps.id, audit);
  return { vpsId: vps.id, alreadyClosed: !!vps.deletedAt };
}
