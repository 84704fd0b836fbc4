// The main site's report (POST /api/vps/actions/{request_id}): progress, completion with a
// result, or failure. The same final state again is a no-op (200: the main site retries), a
// different one after the end is 409, an unknown id 404. The row is locked so two reports
// of the same request apply in order. Secret parts of a result (root_password, vnc) are
// stored encrypted and never appear in views or events. A completed reinstall or
// reset_password also updates the VPS record (./apply-result.ts), a completed resume,
// resize or terminate changes the VPS (./machine.ts), in the same transaction.
import { SYSTEM_AUDIT, type AuditContext } from "../../audit/context";
import { recordAudit } from "../../audit/record-audit";
import { encryptSecret } from "../../crypto/secret-box";
import type { Db } from "../../db";
import { badRequest, conflict, notFound } from "../../errors";
import { vncTargetSchema } from "../../console/vnc-target";
import { wakeRelay } from "../../events/bus";
import { toActionRequestView, type VpsActionRequestView } from "../vps-actions";
import { toVpsView } from "../view";
import { applyActionResult } from "./apply-result";
import { recordActionEvent } from "./events";
import { transition } from "./lifecycle";
import { applyCompletion, isMachineAction } from "./machine";
import { splitResult, type ActionReport } from "./params";

export const ACTION_RESULT_PURPOSE = "vps.action_result";

export async function reportAction(
  db: Db,
  requestId: number,
  report: ActionReport,
  audit: AuditContext = SYSTEM_AUDIT,
): Promise<{ request: VpsActionRequestView; changed: boolean }> {
  const out = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM vps_action_requests WHERE id = ${requestId} FOR UPDATE`;
    if (locked.length === 0) throw notFound(`Unknown action request ${requestId}`);
    const current = await tx.vpsActionRequest.findUniqueOrThrow({ where: { id: requestId }, include: { vps: true } });
    const step = transition(current.status, { kind: "report", status: report.status });
    if (step.kind === "noop") return { request: toActionRequestView(current), changed: false };
    if (step.kind === "conflict") throw conflict(`${step.reason}; it cannot become ${report.status}`);

    const { open, secret } = splitResult(report.status === "completed" ? report.result : undefined);
    // A console is useless without a VNC target the proxy can reach (lib/console/vnc-target.ts).
    if (current.action === "console" && report.status === "completed") {
      const vnc = vncTargetSchema.safeParse(secret?.vnc);
      if (!vnc.success) throw badRequest(`A completed console request needs result.vnc: ${vnc.error.issues[0]?.message ?? "invalid"}`);
    }
    const row = await tx.vpsActionRequest.update({
      where: { id: requestId },
      data: {
        status: step.status,
        ...(report.status === "in_progress" && report.progress !== undefined ? { progress: Math.round(report.progress) } : {}),
        ...(report.message !== undefined ? { message: report.message } : {}),
        ...(report.status === "completed" ? { progress: 100, ...(open ? { result: open as Record<string, string> } : {}) } : {}),
        ...(secret ? { resultSecret: encryptSecret(JSON.stringify(secret), ACTION_RESULT_PURPOSE) } : {}),
        ...(step.final ? { resolvedAt: new Date() } : {}),
      },
    });
    // A completed reinstall/reset_password also changes the VPS record (new root password, OS);
    // a completed billing action changes the VPS now (resume, resize, terminate: ./machine.ts).
    const changedVps =
      report.status === "completed" && step.final
        ? isMachineAction(row.action)
          ? await applyCompletion(tx, row, current.vps, report.result, audit)
          : await applyActionResult(tx, { vpsId: current.vpsId, action: row.action, params: row.params, result: open, secret }, audit)
        : null;
    const vps = changedVps ?? toVpsView(current.vps);
    await recordActionEvent(tx, step.final ? "vps.action_resolved" : "vps.action_progress", row, vps, {
      ...(report.status === "failed" ? { reason: report.message } : {}),
      ...(secret ? { has_secret_result: true } : {}),
    });
    if (step.final)
      await recordAudit(tx, audit, {
        action: "vps.action_resolved",
        targetType: "vps",
        targetId: current.vpsId,
        details: { action: row.action, request_id: row.id, status: row.status },
      });
    return { request: toActionRequestView(row), changed: true };
  });
  if (out.changed) wakeRelay();
  return out;
}
