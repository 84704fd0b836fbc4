// What a completed request changes on the panel's own VPS record, inside the report's
// transaction (./report.ts): a reinstall or reset_password that brings `root_password`
// replaces the stored (encrypted) root password, so the VPS page's reveal shows the new one;
// a reinstall sets the OS (the main site's `result.os` when it names one, else the requested
// `params.os`). The change is one `vps.updated` event (fields as the sync API names them),
// so the owner's page updates live, and one audit row. Other actions change nothing here:
// their effects arrive through the sync API (status, name, snapshots, ...).
import type { AuditContext } from "../../audit/context";
import { recordAudit } from "../../audit/record-audit";
import type { Prisma } from "../../db";
import { recordEvent } from "../../events/record-event";
import { encryptRootPassword } from "../root-password";
import { toVpsView, type VpsView } from "../view";
import type { ActionType } from "./catalogue";

type Tx = Prisma.TransactionClient;

/** Root passwords the main site may hand over: printable, no surrounding space, 1..256 chars. */
const usablePassword = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= 256 && v.trim() === v && [...v].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f);
const usableOs = (v: unknown): v is string => typeof v === "string" && v.trim().length > 0 && v.trim().length <= 100;

export interface CompletedRequest {
  vpsId: number;
  action: ActionType;
  params: unknown;
  /** The open (non-secret) part of the report's result. */
  result: Record<string, unknown> | null;
  /** The secret part (root_password, vnc), in the clear, before it is sealed. */
  secret: Record<string, unknown> | null;
}

/** Returns the VPS as it is after the change, or null when the request changes nothing. */
export async function applyActionResult(tx: Tx, done: CompletedRequest, audit: AuditContext): Promise<VpsView | null> {
  if (done.action !== "reinstall" && done.action !== "reset_password") return null;
  const data: Prisma.VpsUpdateInput = {};
  const changed: string[] = [];
  const password = done.secret?.root_password;
  if (usablePassword(password)) {
    data.rootPasswordEnc = encryptRootPassword(password);
    changed.push("root_password");
  }
  if (done.action === "reinstall") {
    const requested = (done.params as { os?: unknown } | null)?.os;
    const os = usableOs(done.result?.os) ? done.result.os.trim() : usableOs(requested) ? requested.trim() : null;
    if (os !== null) {
      data.os = os;
      changed.push("os");
    }
  }
  if (changed.length === 0) return null;
  const row = await tx.vps.update({ where: { id: done.vpsId }, data });
  const vps = toVpsView(row);
  await recordEvent(tx, { type: "vps.updated", userId: row.userId, vpsId: row.id, payload: { vps, changed } });
  await recordAudit(tx, audit, { action: "vps.updated", targetType: "vps", targetId: row.id, details: { changed, by_action: done.action } });
  return vps;
}
