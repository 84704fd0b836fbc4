// Where a relayed domain event goes. The relay runs in whichever process claimed the event,
// so each event is published once, and must reach every process's subscribers:
// - socket.io rooms: io.to(...).emit goes through the PostgreSQL adapter to all processes;
// - /ws clients: this process's hub directly, the other processes' hubs through the
//   adapter's server-side emit (which by design skips the sending process — no doubles).
import type { Server } from "socket.io";
import type { RelayedEvent } from "../events/relay";
import { publishToSockets } from "./socket-server";
import type { WsHub } from "./ws-hub";

export const WS_FANOUT_EVENT = "ospab:ws-event";

export function publishEvent(io: Server, hub: WsHub, event: RelayedEvent, clustered: boolean) {
  publishToSockets(io, event);
  hub.publish(event);
  if (clustered) io.serverSideEmit(WS_FANOUT_EVENT, event);
}

/** Feeds this process's /ws hub with events relayed by other processes. */
export function receiveClusterEvents(io: Server, hub: WsHub) {
  io.on(WS_FANOUT_EVENT, (event: RelayedEvent) => hub.publish(event));
}
