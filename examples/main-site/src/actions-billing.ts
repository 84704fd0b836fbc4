// The billing actions the panel forwards from BILLmanager (or an admin) as
// `vps.action_requested`: the main site does them on the hypervisor and reports through
// `POST /api/vps/actions/{request_id}` (the panel's X-API-Key), the same endpoint every §9
// action is confirmed with:
//   suspend   → the VM is stopped and locked; report completed (the panel set `suspended`
//               at once and keeps it);
//   resume    → the VM is unlocked and brought back to the power state it had before the
//               suspension (the event's `previous_status`); report completed with
//               `result.status` — the panel sets exactly that, never `running` on a guess;
//   resize    → the VM gets cpu/ram (MB)/disk (GB); report completed, the panel then
//               records the new size;
//   terminate → the VM is destroyed; report completed, the panel removes the VPS.
// Each report carries an Idempotency-Key named after the request, and the panel answers a
// repeated final report with 200, so a redelivered webhook repeats nothing harmful.
import type { PanelClient } from "./panel-client";

export const BILLING_ACTIONS = ["suspend", "resume", "resize", "terminate"] as const;
export type BillingAction = (typeof BILLING_ACTIONS)[number];

export interface BillingActionRequested {
  request_id: number;
  action: BillingAction;
  params?: { cpu?: number; ram?: number; disk?: number };
  previous_status?: string;
  vps: { id: number; status: string };
}

export interface BillingOptions {
  actionDelayMs: number;
  log: (msg: string) => void;
}

type Report = { status: "in_progress"; progress: number; message: string } | { status: "completed"; result: Record<string, unknown> } | { status: "failed"; message: string };

export const isBillingAction = (event: string, payload: unknown): payload is BillingActionRequested =>
  event === "vps.action_requested" && (BILLING_ACTIONS as readonly string[]).includes((payload as { action?: string })?.action ?? "");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The power state each suspended VM had, to bring it back on resume (in memory: a restart
 *  of this simulation forgets it, and the VM then comes back running). */
const beforeSuspend = new Map<number, string>();

export async function performBillingAction(panel: PanelClient, opts: BillingOptions, a: BillingActionRequested): Promise<void> {
  const id = a.vps.id;
  const report = (body: Report, step: string) => panel.post(`/api/vps/actions/${a.request_id}`, body, `action-${a.request_id}-${step}`);
  await report({ status: "in_progress", progress: 10, message: `${a.action} started on the hypervisor` }, "started");
  await sleep(opts.actionDelayMs);
  switch (a.action) {
    case "suspend": {
      const was = a.previous_status ?? a.vps.status;
      if (was === "running" || was === "stopped") beforeSuspend.set(id, was);
      await report({ status: "completed", result: { status: "suspended" } }, "done");
      break;
    }
    case "resume": {
      const status = beforeSuspend.get(id) ?? "running";
      beforeSuspend.delete(id);
      await report({ status: "completed", result: { status } }, "done");
      break;
    }
    case "resize": {
      const { cpu, ram, disk } = a.params ?? {};
      await report({ status: "completed", result: { cpu, ram, disk } }, "done");
      break;
    }
    case "terminate":
      beforeSuspend.delete(id);
      await report({ status: "completed", result: {} }, "done");
      break;
  }
  opts.log(`VPS ${id}: ${a.action} done (request ${a.request_id})`);
}
