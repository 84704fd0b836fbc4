// Writes a domain event to the outbox inside the caller's transaction. Call wakeRelay()
// after the commit: this process's relay then claims the event and publishes it through
// the socket.io adapter, which reaches every panel process's sockets.
//
// No NOTIFY here: PostgreSQL serialises the commits of notifying transactions (measured on
// a 2-core machine: ~800 commits/s with pg_notify against ~5,600 without), and the sync
// API writes an event with every change. Relays also poll once a second, which picks up
// events written by other programs (e.g. the seed script); such a program may still
// NOTIFY `ospab_events` to wake them at once.
import type { Prisma } from "../generated/prisma/client";
import type { EventType, InternalEventType } from "./types";

export const EVENTS_CHANNEL = "ospab_events";

type Tx = Pick<Prisma.TransactionClient, "domainEvent">;

export interface NewEvent {
  type: EventType | InternalEventType;
  /** Owner whose sockets may see the event (admins see everything). */
  userId?: number | null;
  vpsId?: number | null;
  payload: Record<string, unknown>;
}

export async function recordEvent(tx: Tx, event: NewEvent): Promise<bigint> {
  const row = await tx.domainEvent.create({
    data: {
      type: event.type,
      userId: event.userId ?? null,
      vpsId: event.vpsId ?? null,
      payload: event.payload as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return row.id;
}
