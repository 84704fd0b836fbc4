// Writes a domain event to the outbox inside the caller's transaction, and wakes the
// relays of every panel process (pg_notify is delivered only if the transaction commits).
// One statement does both: on the sync hot path every round trip counts.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../generated/prisma/client";
import type { EventType } from "./types";

export const EVENTS_CHANNEL = "ospab_events";

/**
 * This process's id, sent as the NOTIFY payload: a relay ignores its own process's
 * notifications (the in-process bus has already woken it) and reacts to the others'.
 */
const store = globalThis as unknown as { __ospabInstanceId?: string };
export function instanceId(): string {
  store.__ospabInstanceId ??= randomUUID();
  return store.__ospabInstanceId;
}

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

export interface NewEvent {
  type: EventType;
  /** Owner whose sockets may see the event (admins see everything). */
  userId?: number | null;
  vpsId?: number | null;
  payload: Record<string, unknown>;
}

export async function recordEvent(tx: Tx, event: NewEvent): Promise<bigint> {
  const rows = await tx.$queryRaw<{ id: bigint }[]>`
    WITH e AS (
      INSERT INTO domain_events (type, user_id, vps_id, payload, created_at)
      VALUES (${event.type}, ${event.userId ?? null}::int, ${event.vpsId ?? null}::int, ${JSON.stringify(event.payload)}::jsonb,
              (now() AT TIME ZONE 'UTC')::timestamp(3))
      RETURNING id
    )
    SELECT e.id, pg_notify(${EVENTS_CHANNEL}, ${instanceId()})::text AS notified FROM e`;
  return rows[0].id;
}
