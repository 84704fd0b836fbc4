// Which orders a client may cancel and an admin may retry, and the reference main site
// building nothing for an order the panel said was cancelled.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Hypervisor } from "../../../examples/main-site/src/hypervisor";
import type { PanelClient } from "../../../examples/main-site/src/panel-client";
import { retryBlocker } from "../../../lib/orders/retry-order";
import { orderCancellable, type OrderView } from "../../../lib/orders/view";

const vps = { id: 7, name: "vps-pro-24", status: "creating" as const, ip_address: null };

describe("order cancel and retry rules", () => {
  it("only an order in progress with no VPS yet may be cancelled", () => {
    assert.equal(orderCancellable({ status: "in_progress", vps: null }), true);
    assert.equal(orderCancellable({ status: "in_progress", vps }), false);
    for (const status of ["finished", "error", "cancelled"] as OrderView["status"][]) assert.equal(orderCancellable({ status, vps: null }), false, status);
  });

  it("only a failed order that never had a VPS may be retried", () => {
    assert.equal(retryBlocker({ status: "error", hasVps: false }), null);
    assert.equal(retryBlocker({ status: "error", hasVps: true }), "has_vps");
    for (const status of ["in_progress", "finished", "cancelled"] as OrderView["status"][]) assert.equal(retryBlocker({ status, hasVps: false }), "not_failed", status);
  });
});

describe("reference main site and cancelled orders", () => {
  const created = (id: number) => ({ order_id: id, user_id: 2, os: "Debian 12", vps_name: `vps-pro-${id}`, plan: { code: "vps-pro", name: "VPS Pro", cpu: 2, ram: 4096, disk: 60 } });

  function site() {
    const calls: string[] = [];
    const panel = {
      createVps: async (v: { order_id?: number }) => {
        calls.push(`create ${v.order_id}`);
        return { id: 100 + (v.order_id ?? 0), name: "x", status: "creating", order_id: v.order_id ?? null };
      },
      updateVps: async (v: { id: number }) => {
        calls.push(`update ${v.id}`);
        return {};
      },
      failOrder: async () => undefined,
    } as unknown as PanelClient;
    const logs: string[] = [];
    const h = new Hypervisor(panel, { provisionDelayMs: 0, actionDelayMs: 0, failPlans: [], log: (m) => logs.push(m) });
    return { h, calls, logs };
  }

  it("an order.created arriving after the order was cancelled builds nothing", async () => {
    const { h, calls, logs } = site();
    await h.handle("order.status_changed", { order_id: 24, status: "cancelled", previous_status: "in_progress" });
    await h.handle("order.created", created(24));
    assert.deepEqual(calls, []);
    assert.ok(logs.some((l) => /order 24: cancelled/.test(l)), logs.join("\n"));
  });

  it("other orders are built, and other status changes do not stop a build", async () => {
    const { h, calls } = site();
    await h.handle("order.status_changed", { order_id: 25, status: "error", previous_status: "in_progress" });
    await h.handle("order.status_changed", { order_id: 24, status: "cancelled", previous_status: "in_progress" });
    await h.handle("order.created", created(25));
    assert.deepEqual(calls, ["create 25", "update 125"]);
  });
});
