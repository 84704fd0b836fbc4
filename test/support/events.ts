// Commits domain events into a panel's database through the panel's own services (the
// same transaction + NOTIFY path a sync request takes), for tests that need events while
// the sync API lives in another branch.
import { openDatabase, type Database } from "../../lib/db";
import { createVps } from "../../lib/vps/create-vps";
import { updateVps } from "../../lib/vps/update-vps";
import type { VpsView } from "../../lib/vps/view";

export class EventSource {
  private constructor(readonly db: Database) {}

  static async open(databaseUrl: string, poolSize = 4): Promise<EventSource> {
    return new EventSource(await openDatabase({ databaseUrl, poolSize }));
  }

  async userId(email: string): Promise<number> {
    const u = await this.db.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    return u.id;
  }

  /** One `vps.created` event. */
  createVps(userId: number, name: string): Promise<VpsView> {
    return createVps(this.db.prisma, { userId, name, cpu: 2, ramMb: 2048, diskGb: 40, os: "Ubuntu 24.04" });
  }

  /** One `vps.status_changed` event. */
  setStatus(vpsId: number, status: "running" | "stopped"): Promise<VpsView> {
    return updateVps(this.db.prisma, vpsId, { status });
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
