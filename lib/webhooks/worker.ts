// The webhook background worker of one panel process: the outbox fan-out and the delivery
// loop. Woken by the same outbox signal as the socket relay (commits here, NOTIFY from
// other processes), by webhook work queued through the API, and by a timer (retries that
// became due, lost signals, leases that expired after a crash). Any number of processes may
// run it at once: deliveries are claimed with FOR UPDATE SKIP LOCKED, the outbox through
// the fan-out's own cursor as fan-out.ts describes (independent of the socket relay's).
import type { Database } from "../db";
import { onOutbox, onWebhookWork } from "../events/bus";
import { log } from "../log";
import { claimDueDeliveries, deliverWebhook, type DeliveryPolicy } from "./deliver-webhook";
import { FAN_OUT_BATCH, fanOutEvents } from "./fan-out";

export interface WebhookWorker {
  stop(): Promise<void>;
}

export interface WorkerOptions {
  /** Attempts in flight at once in this process. */
  concurrency?: number;
  pollMs?: number;
}

/** The fan-out, woken while it ran (commits arriving), waits this long before reading again,
 *  so that one read covers the events of many commits instead of a few (as the relay does). */
const FAN_OUT_COALESCE_MS = 5;

/** Runs `fn` at most once at a time; calls arriving meanwhile cause one more run, after
 *  `coalesceMs` when given. */
function serial(fn: () => Promise<void>, coalesceMs = 0) {
  let running: Promise<void> | null = null;
  let again = false;
  const run = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await fn();
          if (again && coalesceMs > 0) await new Promise((r) => setTimeout(r, coalesceMs));
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  return { run, idle: () => running ?? Promise.resolve() };
}

export function startWebhookWorker(db: Database, policy: DeliveryPolicy, opts: WorkerOptions = {}): WebhookWorker {
  const concurrency = opts.concurrency ?? 32;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();
  let lastWarn = 0;
  const warn = (msg: string, err: unknown) => {
    // One line per 10 s at most while the database is away.
    if (Date.now() - lastWarn < 10_000) return;
    lastWarn = Date.now();
    log.warn(msg, { error: (err as Error).message });
  };

  const fanOut = serial(async () => {
    try {
      for (;;) {
        if (stopped) return;
        const r = await fanOutEvents(db);
        if (r.deliveries > 0) void pump.run();
        // A short read drained the outbox; commits meanwhile woke another run (serial).
        if (r.read < FAN_OUT_BATCH) return;
      }
    } catch (err) {
      warn("webhooks: outbox fan-out failed, will retry", err);
    }
  }, FAN_OUT_COALESCE_MS);

  const pump = serial(async () => {
    try {
      for (;;) {
        const free = concurrency - inFlight.size;
        if (stopped || free <= 0) return;
        const claimed = await claimDueDeliveries(db, free);
        if (claimed.length === 0) return;
        for (const d of claimed) {
          const p: Promise<void> = deliverWebhook(db, d, policy)
            .then(() => undefined)
            .catch((err) => warn("webhooks: recording a delivery attempt failed; it will be retried after its lease", err))
            .finally(() => {
              inFlight.delete(p);
              void pump.run();
            });
          inFlight.add(p);
        }
        if (claimed.length < free) return;
      }
    } catch (err) {
      warn("webhooks: claiming deliveries failed, will retry", err);
    }
  });

  const offOutbox = onOutbox(() => void fanOut.run());
  const offWork = onWebhookWork(() => void pump.run());
  const timer = setInterval(() => {
    void fanOut.run();
    void pump.run();
  }, opts.pollMs ?? 1000);
  timer.unref();
  void fanOut.run();
  void pump.run();

  return {
    async stop() {
      stopped = true;
      offOutbox();
      offWork();
      clearInterval(timer);
      await Promise.all([fanOut.idle(), pump.idle()]);
      // Attempts in flight finish (bounded by the send timeout) or their lease expires.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 8000).unref())]);
    },
  };
}
