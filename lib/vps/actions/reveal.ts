// The secret part of a completed request's result (root_password of a reinstall or a
// reset_password) is shown to the VPS owner once: the conditional UPDATE marks it revealed
// and clears the envelope in one step, so two tabs (or processes) cannot both read it.
// Other clients get 404; an admin viewing someone else's VPS gets 403 (the password is the
// owner's, as for the VPS root password). `vnc` is never handed out here (§10): a console
// request's secret is left alone for the console proxy.
import { decryptSecret } from "../../crypto/secret-box";
import type { Db } from "../../db";
import { AppError, conflict, forbidden, notFound } from "../../errors";
import type { Actor } from "../../users/actor";
import { readsEveryVps } from "../access";
import { ACTION_RESULT_PURPOSE } from "./report";

export async function revealActionResult(db: Db, actor: Actor, vpsId: number, requestId: number): Promise<{ root_password: string }> {
  const row = await db.vpsActionRequest.findFirst({
    where: { id: requestId, vpsId, vps: { deletedAt: null, ...(readsEveryVps(actor) ? {} : { userId: actor.userId }) } },
    select: { status: true, resultSecret: true, resultRevealedAt: true, vps: { select: { userId: true } } },
  });
  if (!row) throw notFound("Action request not found");
  if (row.vps.userId !== actor.userId) throw forbidden("Only the VPS owner can reveal the result of its requests");
  const sealed = await db.$transaction(async (tx) => {
    const taken = await tx.$queryRaw<{ result_secret: string }[]>`
      UPDATE vps_action_requests r SET result_revealed_at = now(), result_secret = NULL
        FROM (SELECT id, result_secret FROM vps_action_requests WHERE id = ${requestId} FOR UPDATE) prev
       WHERE r.id = prev.id AND r.status = 'completed' AND r.action <> 'console' AND r.result_secret IS NOT NULL AND r.result_revealed_at IS NULL
       RETURNING prev.result_secret`;
    return taken[0]?.result_secret ?? null;
  });
  if (!sealed) {
    // Read again: a concurrent reveal may have taken it after the first read.
    const now = await db.vpsActionRequest.findUnique({ where: { id: requestId }, select: { resultRevealedAt: true } });
    if (now?.resultRevealedAt) throw conflict("The result has already been revealed once");
    throw notFound("This request has no secret result");
  }
  let secret: Record<string, unknown>;
  try {
    secret = JSON.parse(decryptSecret(sealed, ACTION_RESULT_PURPOSE)) as Record<string, unknown>;
  } catch {
    throw new AppError(500, "The stored result cannot be decrypted with the panel's current key");
  }
  if (typeof secret.root_password !== "string") throw notFound("This request has no secret result for the browser");
  return { root_password: secret.root_password };
}
