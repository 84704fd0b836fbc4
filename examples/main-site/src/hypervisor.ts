// A simulated hypervisor (stands in for Proxmox & co.): what the main site does when the
// panel tells it something through a webhook.
//   order.created        → build a VPS for the order: sync create with order_id (status
//                          creating), then after a delay sync update running + IP + root
//                          password, which finishes the order in the panel;
//   vps.created          → a VPS someone else registered as `creating` (BILLmanager's
//                          open.sh, an admin) is built the same way;
//   vps.action_requested → start/stop/reboot/rename, confirmed through sync update;
//                          suspend/resume/resize/terminate (BILLmanager): ./actions-billing.ts;
//   order.status_changed → `cancelled`: the client withdrew the order, so an order.created
//                          delivered late (or again) builds nothing; a create the panel
//                          refuses (409, the order was cancelled first) builds nothing either.
// Every write uses an Idempotency-Key named after the operation, so a webhook delivered
// twice, or work resumed after a restart, repeats nothing.
import { randomBytes } from "node:crypto";
import { isBillingAction, performBillingAction } from "./actions-billing";
import { consoleAction } from "./actions-console";
import { PanelError, type PanelClient } from "./panel-client";

export interface HypervisorOptions {
  /** creating → running takes this long. */
  provisionDelayMs: number;
  /** A power action or rename takes this long. */
  actionDelayMs: number;
  /** Plans (by code) this site has no capacity for: their orders are failed. */
  failPlans: string[];
  log: (msg: string) => void;
}

interface OrderCreated {
  order_id: number;
  user_id: number;
  os: string;
  vps_name?: string;
  plan: { code: string; name: string; cpu: number; ram: number; disk: number };
}

interface OrderStatusChanged {
  order_id: number;
  status: string;
}

interface VpsPayload {
  vps: { id: number; name: string; status: string; order_id: number | null };
}

interface ActionRequested extends VpsPayload {
  action: "start" | "stop" | "reboot" | "rename";
  params?: { name?: string };
  request_id: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Hypervisor {
  /** VPS this process is building, so two events about one VPS build it once. */
  private building = new Set<number>();
  /** Orders the panel said were cancelled (order.status_changed), so a late or redelivered
   *  order.created for them builds nothing. */
  private cancelled = new Set<number>();

  constructor(
    private readonly panel: PanelClient,
    private readonly opts: HypervisorOptions,
  ) {}

  /** Documentation-range addresses (RFC 5737), one per VPS. */
  static ipFor(vpsId: number): string {
    return `198.51.100.${(vpsId % 253) + 1}`;
  }

  async handle(event: string, payload: unknown): Promise<void> {
    try {
      if (event === "order.created") await this.fulfilOrder(payload as OrderCreated);
      else if (event === "order.status_changed") this.noteOrderStatus(payload as OrderStatusChanged);
      else if (event === "vps.created") await this.buildRegistered(payload as VpsPayload);
      else if (isBillingAction(event, payload)) await performBillingAction(this.panel, this.opts, payload);
      else if (event === "vps.action_requested" && (await consoleAction(this.panel, payload, this.opts.log))) return;
      else if (event === "vps.action_requested") await this.performAction(payload as ActionRequested);
    } catch (err) {
      this.opts.log(`${event}: ${(err as Error).message}`);
    }
  }

  private noteOrderStatus(o: OrderStatusChanged) {
    if (o.status !== "cancelled") return;
    this.cancelled.add(o.order_id);
    this.opts.log(`order ${o.order_id}: cancelled by the client, nothing to build`);
  }

  private async fulfilOrder(o: OrderCreated) {
    if (this.cancelled.has(o.order_id)) {
      this.opts.log(`order ${o.order_id}: cancelled, not built`);
      return;
    }
    if (this.opts.failPlans.includes(o.plan.code)) {
      await this.panel.failOrder(o.order_id, `No capacity for ${o.plan.name} in this location right now`, `order-${o.order_id}-fail`);
      this.opts.log(`order ${o.order_id}: failed (no capacity for ${o.plan.code})`);
      return;
    }
    let vps;
    try {
      vps = await this.panel.createVps(
        {
          user_id: o.user_id,
          name: o.vps_name ?? `${o.plan.code}-${o.order_id}`,
          cpu: o.plan.cpu,
          ram: o.plan.ram, // the panel's event already carries MB
          disk: o.plan.disk,
          os: o.os,
          status: "creating",
          hypervisor: "proxmox",
          order_id: o.order_id,
        },
        `order-${o.order_id}-create`,
      );
    } catch (err) {
      // The order was failed or cancelled meanwhile: nothing to build.
      if (err instanceof PanelError && err.status >= 400 && err.status < 500) {
        this.opts.log(`order ${o.order_id}: panel refused the VPS (${err.message})`);
        return;
      }
      throw err;
    }
    this.opts.log(`order ${o.order_id}: VPS ${vps.id} registered, building`);
    await this.build(vps.id);
  }

  private async buildRegistered({ vps }: VpsPayload) {
    // Orders are built by fulfilOrder; only VPS registered by others are picked up here.
    if (vps.status !== "creating" || vps.order_id !== null) return;
    await this.build(vps.id);
  }

  private async build(vpsId: number) {
    if (this.building.has(vpsId)) return;
    this.building.add(vpsId);
    try {
      await sleep(this.opts.provisionDelayMs);
      await this.panel.updateVps(
        { id: vpsId, status: "running", ip_address: Hypervisor.ipFor(vpsId), root_password: randomBytes(12).toString("base64url") },
        `vps-${vpsId}-ready`,
      );
      this.opts.log(`VPS ${vpsId}: running at ${Hypervisor.ipFor(vpsId)}`);
    } finally {
      this.building.delete(vpsId);
    }
  }

  private async performAction(a: ActionRequested) {
    await sleep(this.opts.actionDelayMs);
    const key = `action-${a.request_id}`;
    const id = a.vps.id;
    switch (a.action) {
      case "start":
        await this.panel.updateVps({ id, status: "running" }, key);
        break;
      case "stop":
        await this.panel.updateVps({ id, status: "stopped" }, key);
        break;
      case "reboot":
        // Back up after the reboot: an explicit `running` confirms it.
        await this.panel.updateVps({ id, status: "running" }, key);
        break;
      case "rename":
        if (!a.params?.name) return;
        await this.panel.updateVps({ id, name: a.params.name }, key);
        break;
      default:
        return;
    }
    this.opts.log(`VPS ${id}: ${a.action} done (request ${a.request_id})`);
  }
}
