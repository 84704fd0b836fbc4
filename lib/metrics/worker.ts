// The graphs' background work in a process running the workers (PANEL_WORKERS=1): a rollup
// pass every 20 s (lib/metrics/rollup.ts; one process at a time does it) and the retention
// prune hourly (lib/metrics/retention.ts).
import type { Database } from "../db";
import { log } from "../log";
import { runPeriodically } from "../utils/periodic";
import { pruneMetrics } from "./retention";
import { runRollupPass } from "./rollup";

export interface MetricsWorker {
  stop(): Promise<void>;
}

export function startMetricsWorker(db: Database, { rollupEveryMs = 20_000, pruneEveryMs = 3_600_000 } = {}): MetricsWorker {
  const warn = (what: string) => (err: unknown) => log.warn(`metrics: ${what} failed, will retry`, { error: (err as Error)?.message ?? String(err) });
  const rollups = runPeriodically(() => runRollupPass(db.prisma), rollupEveryMs, warn("rollup pass"));
  const prune = runPeriodically(
    async () => {
      const n = await pruneMetrics(db.prisma);
      if (n.samples + n.rollups5m + n.rollups1h > 0) log.info("metrics: pruned old samples and rollups", { ...n });
    },
    pruneEveryMs,
    warn("retention"),
  );
  return {
    async stop() {
      await Promise.all([rollups.stop(), prune.stop()]);
    },
  };
}
