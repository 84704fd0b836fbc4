// The inbound log keeps 7 days. Every panel process running the background workers
// (PANEL_WORKERS=1) prunes it at start and then hourly; several processes may do so at
// once: the DELETE is idempotent, each row goes once, whoever gets it.
import type { Database, Db } from "../db";
import { log } from "../log";
import { type Periodic, runPeriodically } from "../utils/periodic";

export const INBOUND_LOG_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/** Deletes the rows older than the retention; returns how many went. */
export async function pruneInboundLog(db: Db, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - INBOUND_LOG_RETENTION_MS);
  const { count } = await db.inboundCall.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}

export type InboundLogRetention = Periodic;

export function startInboundLogRetention(db: Database, everyMs = PRUNE_EVERY_MS): InboundLogRetention {
  return runPeriodically(
    async () => {
      const n = await pruneInboundLog(db.prisma);
      if (n > 0) log.info("inbound log: pruned rows older than 7 days", { rows: n });
    },
    everyMs,
    (err) => log.warn("inbound log: pruning failed, will retry", { error: (err as Error)?.message ?? String(err) }),
  );
}
