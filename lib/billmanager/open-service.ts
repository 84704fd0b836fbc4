// open.sh: creates the VPS of a new BILLmanager service for the client login BILLmanager
// generated (never for an account it did not create: ensure-client.ts). Idempotent:
// BILLmanager may run open.sh again for the same service; the service id (--id, else the
// login) is kept as the VPS's external_ref, so a re-run answers with the VPS created the
// first time. The answer names the VPS and the login only: BILLmanager keeps the password
// it generated, and the panel never sends one back.
import { SYSTEM_AUDIT, type AuditContext } from "../audit/context";
import type { Db } from "../db";
import { badRequest, conflict } from "../errors";
import { isUniqueViolation } from "../db-errors";
import { createVps } from "../vps/create-vps";
import { parseArgs, required, vpsParams, type BillmanagerSettings } from "./args";
import { ensureClient } from "./ensure-client";

export interface OpenedService {
  vpsId: number;
  username: string;
  created: boolean;
}

export async function openService(
  db: Db,
  argv: readonly string[],
  settings: BillmanagerSettings,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<OpenedService> {
  const args = parseArgs(argv);
  const user = required(args, "user", "the account login BILLmanager generated");
  const password = required(args, "password", "the account password BILLmanager generated");
  const serviceId = args.get("id")?.trim();
  if (serviceId !== undefined && !/^[A-Za-z0-9_.:-]{1,64}$/.test(serviceId)) throw badRequest(`Bad value for id (--id=${serviceId.slice(0, 40)})`);
  const externalRef = serviceId ? `billmanager:${serviceId}` : `billmanager-user:${user}`;

  const p = vpsParams(args, settings);
  const os = p.os ?? settings.defaultOs;
  const missing = [
    p.cpu === undefined && `--${settings.map.cpu}= (cpu)`,
    p.ramMb === undefined && `--${settings.map.ram}= (ram, ${settings.ramUnit})`,
    p.diskGb === undefined && `--${settings.map.disk}= (disk, GB)`,
    !os && `--${settings.map.os}= (os; or set OSPAB_DEFAULT_OS)`,
  ].filter(Boolean);
  const { cpu, ramMb, diskGb } = p;
  if (missing.length || cpu === undefined || ramMb === undefined || diskGb === undefined || !os)
    throw badRequest(`Missing parameter ${missing.join(", ")}: map the tariff's parameter names in panel.env (OSPAB_PARAM_*)`);

  // The service's VPS, if open.sh ran before; checked before any account is touched.
  const existing = async () => {
    const vps = await db.vps.findUnique({
      where: { externalRef },
      select: { id: true, deletedAt: true, user: { select: { id: true, username: true, email: true } } },
    });
    if (vps?.deletedAt) throw conflict(`Service ${serviceId ?? user} was closed (VPS ${vps.id}); BILLmanager must open a new service`);
    if (vps && vps.user.username !== user && vps.user.email !== user.toLowerCase())
      throw conflict(`Service ${serviceId ?? user} is already open for another login`);
    return vps;
  };
  await existing();
  const client = await ensureClient(db, { user, password, email: args.get(settings.map.email)?.trim() || undefined }, audit);
  const found = await existing();
  if (found) return { vpsId: found.id, username: user, created: false };
  try {
    const vps = await createVps(db, {
      userId: client.id,
      name: p.name ?? (serviceId ? `bm-${serviceId}` : `${user}-vps`),
      cpu,
      ramMb,
      diskGb,
      os,
      status: "creating",
      externalRef,
    }, audit);
    return { vpsId: vps.id, username: user, created: true };
  } catch (err) {
    // Two runs at once: the other one created it.
    if (isUniqueViolation(err)) {
      const again = await existing();
      if (again) return { vpsId: again.id, username: user, created: false };
    }
    throw err;
  }
}
