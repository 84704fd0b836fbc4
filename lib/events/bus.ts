// In-process wake-up signal for the outbox relay, shared across module graphs via
// globalThis. It carries no data: the outbox is the only source of events.
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
