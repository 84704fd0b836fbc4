// Requests not finished in time expire (power/rename 30 min, others 6 h; ACTION_TTL_SHORT_MIN
// and ACTION_TTL_LONG_MIN override). Run on every ask for the VPS in question and by the
// periodic sweep for all of them; the conditional UPDATE makes two processes expire each
// request once (the loser's UPDATE matches no row).
import type { Db, Prisma } from "../../db";
import { wakeRelay } from "../../events/bus";
import { type Periodic, runPeriodically } from "../../utils/periodic";
import { toVpsView } from "../view";
import { ACTION_TYPES, ACTIONS, LONG_TTL_MS, OPEN_STATUSES, SHORT_TTL_MS } from "./catalogue";
import { recordActionEvent } from "./events";

type Tx = Prisma.TransactionClient;

export function ttlSettings(env: NodeJS.ProcessEnv = process.env) {
  const min = (v: string | undefined, d: number) => (v && /^\d{1,6}$/.test(v) && Number(v) > 0 ? Number(v) * 60_000 : d);
  return { short: min(env.ACTION_TTL_SHORT_MIN, SHORT_TTL_MS), long: min(env.ACTION_TTL_LONG_MIN, LONG_TTL_MS) };
}

export async function expireStale(tx: Tx, scope: { vpsId?: number } = {}, now = new Date()): Promise<number> {
  const ttl = ttlSettings();
  // One query for every action type: an OR of one cutoff per TTL class (short, long).
  const classes = (["short", "long"] as const).map((cls) => ({
    action: { in: ACTION_TYPES.filter((a) => ACTIONS[a].ttl === cls) },
    createdAt: { lte: new Date(now.getTime() - ttl[cls]) },
  }));
  const stale = await tx.vpsActionRequest.findMany({
    where: { ...scope, status: { in: [...OPEN_STATUSES] }, OR: classes },
    select: { id: true },
    // One order for every process: two sweeps lock the same rows in the same order (no deadlock).
    orderBy: { id: "asc" },
    take: 500,
  });
  let expired = 0;
  for (const { id } of stale) {
    const n = await tx.vpsActionRequest.updateMany({
      where: { id, status: { in: [...OPEN_STATUSES] } },
      data: { status: "expired", resolvedAt: now, message: "The main site did not finish the request in time" },
    });
    if (n.count === 0) continue;
    const row = await tx.vpsActionRequest.findUniqueOrThrow({ where: { id }, include: { vps: true } });
    await recordActionEvent(tx, "vps.action_resolved", row, toVpsView(row.vps), { reason: "expired" });
    expired++;
  }
  return expired;
}

/** The periodic sweep server.ts runs with the other workers (PANEL_WORKERS=1), once a minute. */
export function startActionExpiry(db: Db, intervalMs = 60_000, onError: (err: unknown) => void = () => {}): Periodic {
  return runPeriodically(
    async () => {
      const n = await db.$transaction((tx) => expireStale(tx));
      if (n > 0) wakeRelay();
    },
    intervalMs,
    onError,
  );
}
