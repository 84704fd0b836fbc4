// Writes a domain event to the outbox inside the caller's transaction, and wakes the
// relays of every panel process (pg_notify is delivered only if the transaction commits).
import type { Prisma } from "../generated/prisma/client";
import type { EventType } from "./types";

export const EVENTS_CHANNEL = "ospab_events";

type Tx = Pick<Prisma.TransactionClient, "domainEvent" | "$executeRaw">;

export interface NewEvent {
  type: EventType;
  /** Owner whose sockets may see the event (admins see everything). */
  userId?: number | null;
  vpsId?: number | null;
  payload: Record<string, unknown>;
}

export async function recordEvent(tx: Tx, event: NewEvent) {
  const row = await tx.domainEvent.create({
    data: {
      type: event.type,
      userId: event.userId ?? null,
      vpsId: event.vpsId ?? null,
      payload: event.payload as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, '')`;
  return row.id;
}
