// A VPS's activity timeline entry, distilled from a domain event. Only these fields reach
// the browser (never a raw payload), both for the first render and for live events.
// Browser-safe.
import type { EventMessage } from "../events/types";
import { ACTION_TYPES } from "./actions/catalogue";
import type { VpsActionName } from "./vps-action-rules";
import { VPS_STATUSES, type VpsStatus } from "./view";

export interface ActivityEntry {
  id: string;
  type: string;
  at: string;
  from?: VpsStatus;
  to?: VpsStatus;
  /** vps.updated: which fields changed (sync names: name, cpu, ram, ...). */
  fields?: string[];
  action?: VpsActionName;
  /** rename: the requested name. */
  name?: string;
  /** vps.action_resolved: how the request ended. */
  result?: "completed" | "failed" | "cancelled" | "expired";
  /** vps.alert, vps.alert_resolved: the rule (docs/alerts.md). */
  alert?: { metric: string; op: string; threshold: number; forMinutes: number };
  /** vps.traffic_quota: 80 or 100 (% of the plan's quota). */
  level?: number;
}

const isStatus = (v: unknown): v is VpsStatus => typeof v === "string" && (VPS_STATUSES as readonly string[]).includes(v);
const isAction = (v: unknown): v is VpsActionName => typeof v === "string" && (ACTION_TYPES as readonly string[]).includes(v);

/** Prisma field names of vps.updated's `changed` → the names the UI labels. */
const FIELD_NAMES: Record<string, string> = {
  name: "name",
  cpu: "cpu",
  ramMb: "ram",
  diskGb: "disk",
  os: "os",
  hypervisor: "hypervisor",
  ipAddress: "ip_address",
  rootPasswordEnc: "root_password",
  orderId: "order_id",
};

export function toActivityEntry(e: Pick<EventMessage, "id" | "type" | "payload" | "timestamp">): ActivityEntry {
  const p = e.payload as Record<string, unknown>;
  const vps = (p.vps ?? {}) as Record<string, unknown>;
  const entry: ActivityEntry = { id: String(e.id), type: e.type, at: e.timestamp };
  switch (e.type) {
    case "vps.status_changed":
      if (isStatus(p.previous_status)) entry.from = p.previous_status;
      if (isStatus(vps.status)) entry.to = vps.status;
      break;
    case "vps.updated":
      if (Array.isArray(p.changed)) entry.fields = p.changed.map((f) => FIELD_NAMES[String(f)] ?? String(f));
      break;
    case "vps.action_requested":
    case "vps.action_resolved": {
      if (isAction(p.action)) entry.action = p.action;
      const params = (p.params ?? {}) as { name?: unknown };
      if (typeof params.name === "string") entry.name = params.name;
      if (p.status === "completed" || p.status === "failed" || p.status === "cancelled" || p.status === "expired") entry.result = p.status;
      break;
    }
    case "vps.alert":
    case "vps.alert_resolved":
      if (typeof p.metric === "string" && typeof p.op === "string" && typeof p.threshold === "number" && typeof p.for_minutes === "number")
        entry.alert = { metric: p.metric, op: p.op, threshold: p.threshold, forMinutes: p.for_minutes };
      break;
    case "vps.traffic_quota":
      if (typeof p.level === "number") entry.level = p.level;
      break;
  }
  return entry;
}
