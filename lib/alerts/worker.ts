// Alerts' background work in a process running the workers (PANEL_WORKERS=1): an evaluation
// pass every ALERTS_EVERY_SECONDS (one process at a time does it: evaluate.ts) and the
// traffic-quota check every 5 minutes (safe in every process: traffic-notices.ts). After a
// pass that recorded events the relay is woken, so sockets hear of them at once.
import type { Database } from "../db";
import { wakeRelay } from "../events/bus";
import { log } from "../log";
import { runPeriodically } from "../utils/periodic";
import { evaluateAlerts } from "./evaluate";
import { checkTrafficQuotas } from "./traffic-notices";

export interface AlertsWorker {
  stop(): Promise<void>;
}

export function startAlertsWorker(db: Database, { evaluateEveryMs = 20_000, trafficEveryMs = 300_000 } = {}): AlertsWorker {
  const warn = (what: string) => (err: unknown) => log.warn(`alerts: ${what} failed, will retry`, { error: (err as Error)?.message ?? String(err) });
  const evaluation = runPeriodically(
    async () => {
      const pass = await evaluateAlerts(db.prisma);
      if (pass.fired + pass.resolved > 0) {
        wakeRelay();
        log.info("alerts: state changes", { fired: pass.fired, resolved: pass.resolved });
      }
    },
    evaluateEveryMs,
    warn("evaluation"),
  );
  const traffic = runPeriodically(
    async () => {
      if ((await checkTrafficQuotas(db.prisma)) > 0) wakeRelay();
    },
    trafficEveryMs,
    warn("traffic check"),
  );
  return {
    async stop() {
      await Promise.all([evaluation.stop(), traffic.stop()]);
    },
  };
}
