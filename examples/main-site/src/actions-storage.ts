// The simulated hypervisor's storage and network work (PRODUCT.md §9): snapshots, backups
// and reverse DNS. On `vps.action_requested` for snapshot_create, snapshot_restore,
// snapshot_delete, backup_restore or set_rdns it reports progress (POST
// /api/vps/actions/{request_id}: in_progress 10 → 45 → 80), does the work on its in-memory
// state, pushes the VPS's new lists back with a sync `update` (`snapshots`, `backups`,
// `rdns`, each replacing the panel's list), and only then reports `completed` — so the
// panel's list is already current when the client sees the request end.
//
// Nightly backups: the first time this site sees a running or stopped VPS (at start it reads
// every VPS with GET /api/vps/sync, later from any webhook about it) it pushes two `auto`
// backups of the last two nights.
//
//   STORAGE_STEP_MS       time between progress reports (default 800: a snapshot takes ~3 s)
//   STORAGE_FAIL_ACTIONS  actions to fail after the first progress report, comma-separated
//                         (e.g. "snapshot_restore,set_rdns"), to see failures in the panel
//   STORAGE_AUTO_BACKUPS  0: push no nightly backups
//
// State lives in memory: after a restart this site forgets the snapshots it made (the
// panel keeps showing them until the next push for that VPS).
import { PanelError, type PanelClient } from "./panel-client";

export const STORAGE_ACTIONS = ["snapshot_create", "snapshot_restore", "snapshot_delete", "backup_restore", "set_rdns"] as const;
type StorageAction = (typeof STORAGE_ACTIONS)[number];

interface Snapshot {
  id: string;
  name: string;
  created_at: string;
  size_gb: number;
}
interface Backup {
  id: string;
  created_at: string;
  size_gb: number;
  kind: "auto" | "manual";
}
interface VpsStorage {
  snapshots: Snapshot[];
  backups: Backup[];
  rdns: Map<string, string | null>;
  serial: number;
}

interface VpsRef {
  id: number;
  status: string;
  disk?: number;
  ip_address?: string | null;
}
interface ActionRequested {
  request_id: number;
  action: string;
  params?: { name?: string; snapshot_id?: string | number; backup_id?: string | number; ip?: string; hostname?: string };
  vps: VpsRef;
}

export interface StorageOptions {
  stepMs: number;
  failActions: string[];
  autoBackups: boolean;
  log: (msg: string) => void;
  /** The panel's base URL and key, for reading every VPS at start (GET /api/vps/sync). */
  panelUrl: string;
  apiKey: string;
  now?: () => Date;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isStorageAction = (a: string): a is StorageAction => (STORAGE_ACTIONS as readonly string[]).includes(a);

export class StorageActions {
  private readonly vps = new Map<number, VpsStorage>();
  private readonly now: () => Date;

  constructor(
    private readonly panel: PanelClient,
    private readonly opts: StorageOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Nightly backups of the last two nights, at 03:00 UTC; ids are stable across restarts. */
  static nightlyBackups(vps: VpsRef, now: Date): Backup[] {
    return [1, 2].map((daysAgo) => {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo + (now.getUTCHours() >= 3 ? 1 : 0), 3));
      return { id: `auto-${vps.id}-${d.toISOString().slice(0, 10)}`, created_at: d.toISOString(), size_gb: Math.max(1, Math.round((vps.disk ?? 20) * 0.3)), kind: "auto" };
    });
  }

  async handle(event: string, payload: unknown): Promise<void> {
    try {
      const p = payload as Partial<ActionRequested>;
      if (event === "vps.action_requested" && p.action && isStorageAction(p.action)) await this.perform(p as ActionRequested);
      else if (p.vps && event !== "vps.deleted") await this.notice(p.vps);
    } catch (err) {
      this.opts.log(`storage ${event}: ${(err as Error).message}`);
    }
  }

  /** Reads every VPS the panel has and gives each its nightly backups. */
  async start(): Promise<void> {
    if (!this.opts.autoBackups) return;
    let cursor: string | undefined;
    try {
      do {
        const url = new URL("/api/vps/sync", this.opts.panelUrl);
        url.searchParams.set("limit", "500");
        if (cursor) url.searchParams.set("cursor", cursor);
        const res = await fetch(url, { headers: { "x-api-key": this.opts.apiKey }, signal: AbortSignal.timeout(15_000) });
        if (!res.ok) throw new Error(`GET /api/vps/sync: HTTP ${res.status}`);
        const page = (await res.json()) as { vps: (VpsRef & { deleted_at?: string | null })[]; next_cursor?: string | null };
        for (const v of page.vps) if (!v.deleted_at) await this.notice(v).catch((err: Error) => this.opts.log(`VPS ${v.id}: backups not pushed (${err.message})`));
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
    } catch (err) {
      this.opts.log(`storage: could not read the panel's VPS (${(err as Error).message}); backups appear as VPS are seen`);
    }
  }

  private state(vps: VpsRef): VpsStorage {
    let s = this.vps.get(vps.id);
    if (!s) {
      s = { snapshots: [], backups: [], rdns: new Map(), serial: 0 };
      if (vps.ip_address) s.rdns.set(vps.ip_address, null);
      this.vps.set(vps.id, s);
    }
    return s;
  }

  private async notice(vps: VpsRef) {
    if (this.vps.has(vps.id) || (vps.status !== "running" && vps.status !== "stopped")) return;
    const s = this.state(vps);
    if (!this.opts.autoBackups) return;
    s.backups = StorageActions.nightlyBackups(vps, this.now());
    await this.push(vps.id, { backups: s.backups }, `vps-${vps.id}-nightly-${s.backups[0].id}`);
    this.opts.log(`VPS ${vps.id}: ${s.backups.length} nightly backups`);
  }

  private async push(id: number, lists: Record<string, unknown>, key: string) {
    await this.panel.post("/api/vps/sync", { action: "update", vps: { id, ...lists } }, key);
  }

  private report(requestId: number, body: Record<string, unknown>, step: string) {
    return this.panel.post(`/api/vps/actions/${requestId}`, body, `action-${requestId}-${step}`);
  }

  private async perform(a: ActionRequested) {
    await this.notice(a.vps);
    const s = this.state(a.vps);
    const id = a.vps.id;
    const rid = a.request_id;
    try {
      await this.report(rid, { status: "in_progress", progress: 10, message: "Started on the hypervisor" }, "p10");
      await sleep(this.opts.stepMs);
      if (this.opts.failActions.includes(a.action)) {
        await this.report(rid, { status: "failed", message: `The hypervisor refused ${a.action.replace("_", " ")} (simulated failure, STORAGE_FAIL_ACTIONS)` }, "failed");
        this.opts.log(`VPS ${id}: ${a.action} failed on purpose (request ${rid})`);
        return;
      }
      await this.report(rid, { status: "in_progress", progress: 45 }, "p45");
      await sleep(this.opts.stepMs);
      await this.report(rid, { status: "in_progress", progress: 80 }, "p80");
      await sleep(this.opts.stepMs);
      const result = await this.apply(a, s);
      if ("failed" in result) {
        await this.report(rid, { status: "failed", message: result.failed }, "failed");
        return;
      }
      await this.report(rid, { status: "completed", result: result.ok, message: result.message }, "done");
      this.opts.log(`VPS ${id}: ${a.action} done (request ${rid})`);
    } catch (err) {
      // 409: the request ended meanwhile (cancelled or expired in the panel): nothing more to say.
      if (err instanceof PanelError && err.status === 409) this.opts.log(`VPS ${id}: request ${rid} already ended in the panel`);
      else throw err;
    }
  }

  private async apply(a: ActionRequested, s: VpsStorage): Promise<{ ok: Record<string, unknown>; message: string } | { failed: string }> {
    const id = a.vps.id;
    const key = `action-${a.request_id}-lists`;
    const p = a.params ?? {};
    switch (a.action as StorageAction) {
      case "snapshot_create": {
        s.serial += 1;
        const snap: Snapshot = {
          id: `snap-${id}-${Date.now().toString(36)}${s.serial}`,
          name: p.name ?? `snapshot-${s.serial}`,
          created_at: this.now().toISOString(),
          size_gb: Math.max(1, Math.round((a.vps.disk ?? 20) * 0.15)),
        };
        s.snapshots.push(snap);
        await this.push(id, { snapshots: s.snapshots }, key);
        return { ok: { snapshot_id: snap.id }, message: `Snapshot ${snap.name} created` };
      }
      case "snapshot_delete": {
        s.snapshots = s.snapshots.filter((x) => String(x.id) !== String(p.snapshot_id));
        await this.push(id, { snapshots: s.snapshots }, key);
        return { ok: { snapshot_id: p.snapshot_id }, message: "Snapshot deleted" };
      }
      case "snapshot_restore": {
        const snap = s.snapshots.find((x) => String(x.id) === String(p.snapshot_id));
        // A snapshot made before this site's last restart is unknown here but still on the "disk".
        return { ok: { snapshot_id: p.snapshot_id }, message: snap ? `Restored to ${snap.name}` : "Snapshot restored" };
      }
      case "backup_restore":
        return { ok: { backup_id: p.backup_id }, message: "Backup restored" };
      case "set_rdns": {
        if (!p.ip || !p.hostname) return { failed: "ip and hostname are required" };
        s.rdns.set(p.ip, p.hostname);
        if (a.vps.ip_address && !s.rdns.has(a.vps.ip_address)) s.rdns.set(a.vps.ip_address, null);
        await this.push(id, { rdns: [...s.rdns].map(([ip, hostname]) => ({ ip, hostname })) }, key);
        return { ok: { ip: p.ip, hostname: p.hostname }, message: `PTR ${p.ip} → ${p.hostname}` };
      }
    }
  }
}
