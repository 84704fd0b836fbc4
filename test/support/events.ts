// Produces domain events the way the main site does: through a panel's sync API
// (POST /api/vps/sync with the test sync key), so the panel process commits the change
// with its event and wakes its own relay and webhook worker. Also gives tests a direct
// handle on the panel's database for checks.
import { openDatabase, type Database } from "../../lib/db";
import type { VpsView } from "../../lib/vps/view";
import { TEST_SYNC_KEY } from "./panel";

/**
 * Counts the events a consumer's cursor (lib/events/cursor.ts) has not got past: rows above
 * its position or among its gaps (a gap with no row — a rolled-back id — is not waiting for
 * anything). Without `consumer`, both consumers' counts added.
 */
export function unconsumedSql(consumer?: "relay" | "webhooks"): string {
  return `SELECT COALESCE(sum(
            (SELECT count(*) FROM domain_events e WHERE e.id > c.position) +
            (SELECT count(*) FROM jsonb_object_keys(c.gaps) k JOIN domain_events e ON e.id = k::bigint)), 0)::int AS n
            FROM outbox_cursors c${consumer ? ` WHERE c.consumer = '${consumer}'` : ""}`;
}

export class EventSource {
  private constructor(
    readonly db: Database,
    private baseUrl: string,
  ) {}

  static async open(panel: { url: string; databaseUrl: string }, poolSize = 4): Promise<EventSource> {
    return new EventSource(await openDatabase({ databaseUrl: panel.databaseUrl, poolSize }), panel.url);
  }

  /** Sends later changes through another panel process (same database). */
  via(panel: { url: string }): this {
    this.baseUrl = panel.url;
    return this;
  }

  /** Waits until every event so far (e.g. the demo data's) is relayed and queued for webhooks. */
  async settled(): Promise<void> {
    await waitFor("the outbox to drain", async () => {
      const [{ n }] = await this.db.sql.query<{ n: number }>(unconsumedSql());
      return n === 0;
    });
  }

  async userId(email: string): Promise<number> {
    const u = await this.db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    return u.id;
  }

  private async sync(body: unknown): Promise<VpsView> {
    const res = await fetch(`${this.baseUrl}/api/vps/sync`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": TEST_SYNC_KEY },
      body: JSON.stringify(body),
    });
    const data = (await res.json()) as { vps: VpsView; message?: string };
    if (!res.ok) throw new Error(`sync ${res.status}: ${data.message}`);
    return data.vps;
  }

  /** One `vps.created` event. */
  createVps(userId: number, name: string): Promise<VpsView> {
    return this.sync({ action: "create", vps: { user_id: userId, name, cpu: 2, ram: 2048, disk: 40, os: "Ubuntu 24.04" } });
  }

  /** One `vps.status_changed` event. */
  setStatus(vpsId: number, status: "running" | "stopped"): Promise<VpsView> {
    return this.sync({ action: "update", vps: { id: vpsId, status } });
  }

  close() {
    return this.db.close();
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}
