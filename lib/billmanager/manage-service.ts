// resume.sh, suspend.sh, close.sh and setparam.sh: act on the VPS BILLmanager knows by the
// id open.sh printed (--id=<externalid>). Each becomes a §9 billing action — suspend,
// resume, terminate, resize — that the main site carries out and reports
// (lib/vps/actions/machine.ts). Each is idempotent (BILLmanager retries) and only touches
// VPS that BILLmanager opened.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import type { Db } from "../db";
import { badRequest, conflict, notFound } from "../errors";
import type { MachineOutcome } from "../vps/actions/machine";
import { actionInputSchema, type ActionInput } from "../vps/actions/params";
import { requestActionOutcome } from "../vps/actions/request";
import { parseArgs, serviceVpsId, vpsParams, type BillmanagerSettings } from "./args";

const BILLMANAGER = { kind: "machine", source: "billmanager" } as const;

async function findService(db: Db, argv: readonly string[]) {
  const args = parseArgs(argv);
  const id = serviceVpsId(args);
  const vps = await db.vps.findFirst({
    where: { id, externalRef: { startsWith: "billmanager" } },
    select: { id: true, status: true, cpu: true, ramMb: true, diskGb: true, deletedAt: true, user: { select: { username: true, email: true } } },
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

const ask = (db: Db, vpsId: number, input: ActionInput, audit: AuditContext) => requestActionOutcome(db, BILLMANAGER, vpsId, input, audit);

/** The VPS becomes `suspended` at once (client actions refused); the main site stops the VM. */
export async function suspendService(db: Db, argv: readonly string[], audit: AuditContext = SYSTEM_AUDIT): Promise<MachineOutcome> {
  const { vps } = await findService(db, argv);
  return ask(db, open(vps).id, { action: "suspend" }, audit);
}

/** Asks the main site to lift the suspension; the VPS stays `suspended` until it reports the VM's status. */
export async function resumeService(db: Db, argv: readonly string[], audit: AuditContext = SYSTEM_AUDIT): Promise<MachineOutcome> {
  const { vps } = await findService(db, argv);
  return ask(db, open(vps).id, { action: "resume" }, audit);
}

/** New cpu/ram/disk as a `resize` request; the panel's record changes when the main site has done it. */
export async function setServiceParams(
  db: Db,
  argv: readonly string[],
  settings: BillmanagerSettings,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<MachineOutcome> {
  const { args, vps } = await findService(db, argv);
  open(vps);
  const p = vpsParams(args, settings);
  if (p.cpu === undefined && p.ramMb === undefined && p.diskGb === undefined) return { vpsId: vps.id, request: null, created: false, already: "unchanged" };
  // A parameter BILLmanager did not send keeps the VPS's current value.
  const parsed = actionInputSchema.safeParse({ action: "resize", cpu: p.cpu ?? vps.cpu, ram: p.ramMb ?? vps.ramMb, disk: p.diskGb ?? vps.diskGb });
  if (!parsed.success) throw badRequest(`Bad resize: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return ask(db, vps.id, parsed.data, audit);
}

/** The VPS becomes `deleting` at once; it leaves the client's panel when the main site has removed it. Closing twice is fine. */
export async function closeService(db: Db, argv: readonly string[], audit: AuditContext = SYSTEM_AUDIT): Promise<MachineOutcome> {
  const { vps } = await findService(db, argv);
  if (vps.deletedAt) return { vpsId: vps.id, request: null, created: false, already: "closed" };
  return ask(db, vps.id, { action: "terminate" }, audit);
}
