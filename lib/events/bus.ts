// In-process wake-up signals, shared across module graphs via globalThis. They carry no
// data: the outbox and the delivery table are the only sources of work.
// - "outbox": events were committed (here, or in another process: see listen-outbox.ts);
//   wakes the socket relay and the webhook fan-out.
// - "webhooks": deliveries became due (test event, redeliver, re-enabled webhook).
import { EventEmitter } from "node:events";

const store = globalThis as unknown as { __ospabBus?: EventEmitter };

function bus() {
  store.__ospabBus ??= new EventEmitter().setMaxListeners(100);
  return store.__ospabBus;
}

/** Call after a transaction that recorded events has committed. */
export function wakeRelay() {
  bus().emit("outbox");
}

export function onOutbox(listener: () => void): () => void {
  bus().on("outbox", listener);
  return () => bus().off("outbox", listener);
}

/** Call after making a webhook delivery due outside the outbox. */
export function wakeWebhookWorker() {
  bus().emit("webhooks");
}

export function onWebhookWork(listener: () => void): () => void {
  bus().on("webhooks", listener);
  return () => bus().off("webhooks", listener);
}
