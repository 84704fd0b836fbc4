// Self-service actions on the simulated hypervisor (PRODUCT.md §9): reinstall and
// reset_password, reported to the panel through POST /api/vps/actions/{request_id} as a
// real main site would report them:
//   reinstall      → in_progress 10% "Stopping", 40% "Writing the image", 80% "Booting",
//                    then completed with the new root_password and the installed os;
//   reset_password → in_progress 50%, then completed with the new root_password.
// A step takes SELF_SERVICE_STEP_MS (default 1000 ms: a reinstall takes a few seconds).
// MAIN_SITE_FAIL_ACTIONS (comma-separated action names, e.g. "reinstall") makes those
// actions fail half-way with a reason, to see failures and retries in the panel.
// Every report carries an Idempotency-Key named after the request and the step, so a
// webhook delivered twice repeats nothing the panel would count twice.
import { randomBytes } from "node:crypto";
import { PanelError, type PanelClient } from "./panel-client";

export interface SelfServiceOptions {
  stepMs: number;
  failActions: string[];
  log: (msg: string) => void;
}

interface ActionRequested {
  request_id: number;
  action: string;
  params?: { os?: string; ssh_key_ids?: number[] };
  vps: { id: number; name: string };
}

type Report =
  | { status: "in_progress"; progress: number; message: string }
  | { status: "completed"; result: Record<string, unknown>; message?: string }
  | { status: "failed"; message: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const SELF_SERVICE_ACTIONS = ["reinstall", "reset_password"] as const;

export function failActionsFrom(env: string | undefined): string[] {
  return (env ?? "").split(",").map((s) => s.trim()).filter(Boolean);
}

/** A root password as a hypervisor's cloud-init would set: 20 URL-safe characters. */
export const newRootPassword = () => randomBytes(15).toString("base64url");

export class SelfService {
  /** Requests this process is working on (a redelivered webhook does not start them twice). */
  private working = new Set<number>();

  constructor(
    private readonly panel: PanelClient,
    private readonly opts: SelfServiceOptions,
  ) {}

  /** Handles a webhook; returns at once when it is not one of ours. */
  async handle(event: string, payload: unknown): Promise<void> {
    if (event !== "vps.action_requested") return;
    const a = payload as ActionRequested;
    if (!(SELF_SERVICE_ACTIONS as readonly string[]).includes(a.action) || this.working.has(a.request_id)) return;
    this.working.add(a.request_id);
    try {
      await this.perform(a);
    } catch (err) {
      // 409: the request ended meanwhile (cancelled, expired): nothing more to say.
      if (err instanceof PanelError && err.status === 409) this.opts.log(`request ${a.request_id}: ended in the panel (${err.message})`);
      else this.opts.log(`request ${a.request_id} (${a.action}): ${(err as Error).message}`);
    } finally {
      this.working.delete(a.request_id);
    }
  }

  private report(requestId: number, step: string, body: Report) {
    return this.panel.post(`/api/vps/actions/${requestId}`, body, `action-${requestId}-${step}`);
  }

  private async perform(a: ActionRequested) {
    const fail = this.opts.failActions.includes(a.action);
    const steps: [number, string][] =
      a.action === "reinstall"
        ? [[10, "Stopping the server"], [40, `Writing the ${a.params?.os ?? "OS"} image`], [80, "Booting the new system"]]
        : [[50, "Setting the new password"]];
    for (const [progress, message] of steps) {
      await sleep(this.opts.stepMs);
      if (fail && progress >= 40) {
        await this.report(a.request_id, "failed", { status: "failed", message: a.action === "reinstall" ? "The hypervisor could not write the image: storage is full" : "The guest agent did not answer" });
        this.opts.log(`VPS ${a.vps.id}: ${a.action} failed on purpose (MAIN_SITE_FAIL_ACTIONS)`);
        return;
      }
      await this.report(a.request_id, `p${progress}`, { status: "in_progress", progress, message });
    }
    await sleep(this.opts.stepMs);
    if (fail) {
      await this.report(a.request_id, "failed", { status: "failed", message: "The guest agent did not answer" });
      return;
    }
    const result: Record<string, unknown> = { root_password: newRootPassword() };
    if (a.action === "reinstall" && a.params?.os) {
      result.os = a.params.os;
      if (a.params.ssh_key_ids?.length) result.ssh_keys_installed = a.params.ssh_key_ids.length;
    }
    await this.report(a.request_id, "done", { status: "completed", result });
    this.opts.log(`VPS ${a.vps.id}: ${a.action} done (request ${a.request_id})`);
  }
}
