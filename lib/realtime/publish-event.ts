// Where a relayed domain event goes. The relay runs in whichever process claimed the event,
// so each event is published once, and must reach every process's subscribers:
// - socket.io rooms: publishToSockets emits through the PostgreSQL adapter to all processes
//   (locally only while no other process is known);
// - /ws clients: this process's hub directly, the other processes' hubs through the
//   adapter's server-side emit (which by design skips the sending process — no doubles),
//   sent only when other processes exist.
import type { Server } from "socket.io";
import type { RelayedEvent } from "../events/relay";
import { publishToSockets } from "./socket-server";
import type { WsHub } from "./ws-hub";

export const WS_FANOUT_EVENT = "ospab:ws-event";

export async function publishEvent(io: Server, hub: WsHub, event: RelayedEvent, clustered: boolean) {
  hub.publish(event);
  // serverCount() resolves at once, so events keep their order; one answer serves both emits.
  const servers = await io.of("/").adapter.serverCount();
  publishToSockets(io, event, servers);
  if (clustered && servers > 1) io.serverSideEmit(WS_FANOUT_EVENT, event);
}

/** Feeds this process's /ws hub with events relayed by other processes. */
export function receiveClusterEvents(io: Server, hub: WsHub) {
  io.on(WS_FANOUT_EVENT, (event: RelayedEvent) => hub.publish(event));
}
