// Development only (`npm run dev`; DEMO_MAIN_SITE=0 turns it off): runs the reference main site
// from examples/main-site beside the panel, as a child process, on PORT+10. The demo
// webhook points at it with a secret both sides derive from the panel's NEXTAUTH_SECRET,
// so webhooks are signed and checked as in production. Orders and client actions then
// complete by themselves.
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import path from "node:path";
import type { Env } from "../env";
import { log } from "../log";

export interface DemoMainSite {
  port: number;
  panelUrl: string;
  webhookUrl: string;
  secret: string;
  syncKey: string;
}

export function demoMainSite(env: Env): DemoMainSite {
  const port = env.PORT + 10;
  return {
    port,
    panelUrl: `http://127.0.0.1:${env.PORT}`,
    webhookUrl: `http://127.0.0.1:${port}/webhooks/ospab`,
    secret: createHmac("sha256", env.NEXTAUTH_SECRET).update("ospab demo main site webhook secret").digest("hex"),
    syncKey: env.VPS_SYNC_API_KEY,
  };
}

export function startDemoMainSite(site: DemoMainSite): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("examples/main-site/src/main.ts")], {
    env: {
      PATH: process.env.PATH,
      OSPAB_PANEL_URL: site.panelUrl,
      VPS_SYNC_API_KEY: site.syncKey,
      WEBHOOK_SECRET: site.secret,
      PORT: String(site.port),
      HOST: "127.0.0.1",
      STORAGE_FAIL_ACTIONS: process.env.STORAGE_FAIL_ACTIONS ?? "",
      MAIN_SITE_FAIL_ACTIONS: process.env.MAIN_SITE_FAIL_ACTIONS ?? "",
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "inherit", "inherit"],
  });
  child.on("exit", (code, signal) => {
    if (signal !== "SIGTERM") log.warn("demo main site exited", { code, signal });
  });
  return child;
}
