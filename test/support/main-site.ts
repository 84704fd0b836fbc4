// Starts the reference main site (examples/main-site) as its own process, the way a hosting
// company runs its storefront beside the panel, on a free port.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort, ROOT } from "./panel";

export interface MainSite {
  url: string;
  webhookUrl: string;
  logs: () => string;
  stop(): Promise<void>;
}

export interface MainSiteOptions {
  panelUrl: string;
  syncKey: string;
  webhookSecret?: string;
  provisionDelayMs?: number;
  actionDelayMs?: number;
  failPlans?: string[];
  storageStepMs?: number;
  storageFailActions?: string[];
}

export async function startMainSite(opts: MainSiteOptions): Promise<MainSite> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let out = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "examples/main-site/src/main.ts")], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      OSPAB_PANEL_URL: opts.panelUrl,
      VPS_SYNC_API_KEY: opts.syncKey,
      WEBHOOK_SECRET: opts.webhookSecret ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      PROVISION_DELAY_MS: String(opts.provisionDelayMs ?? 500),
      ACTION_DELAY_MS: String(opts.actionDelayMs ?? 200),
      FAIL_PLANS: (opts.failPlans ?? []).join(","),
      STORAGE_STEP_MS: String(opts.storageStepMs ?? 100),
      STORAGE_FAIL_ACTIONS: (opts.storageFailActions ?? []).join(","),
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`main site exited with ${child.exitCode}:\n${out}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`main site did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    webhookUrl: `${url}/webhooks/ospab`,
    logs: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Polls until `check` returns a value (not undefined/null/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== null && v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
