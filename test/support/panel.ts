// Starts a real panel process (the production build: dist/server.mjs + .next) on a free
// port with its own throwaway PostgreSQL database, for HTTP and browser tests.
// `npm run build` must have run (npm test does it).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createTestDatabase, freePort } from "./pg";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const TEST_SYNC_KEY = "test-sync-key-0123456789abcdef0123456789abcdef";
export const TEST_ADMIN = { email: "root-admin@example.com", password: "root-admin-password" };

export { freePort };

export interface Panel {
  url: string;
  port: number;
  databaseUrl: string;
  env: Record<string, string>;
  logs: () => string;
  /** The panel process's pid (changes on restart). */
  pid: () => number;
  /** SIGTERM (or the given signal) and wait for exit; the database is kept. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Start the process again on the same port and database. */
  restart(): Promise<void>;
  /** Stop the process and drop its database. */
  stop(): Promise<void>;
}

export interface PanelOptions {
  env?: Record<string, string>;
  /** Reuse an existing database instead of creating one (several processes, one database). */
  databaseUrl?: string;
  demoData?: boolean;
  /** Another checkout's production build to start (benchmarks compare two builds). */
  root?: string;
  /** Node flags before dist/server.mjs; default `--enable-source-maps` (readable stacks in
   *  test logs). `[]` runs the panel exactly as `npm start` does (the memory bench). */
  nodeArgs?: string[];
}

async function waitHealthy(url: string, child: ChildProcess, logs: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`panel exited with ${child.exitCode}:\n${logs()}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`panel did not become healthy:\n${logs()}`);
}

export async function startPanel(opts: PanelOptions = {}): Promise<Panel> {
  const root = opts.root ?? ROOT;
  if (!existsSync(path.join(root, "dist/server.mjs"))) throw new Error("run `npm run build` first");
  const db = opts.databaseUrl ? undefined : await createTestDatabase();
  const databaseUrl = opts.databaseUrl ?? db!.url;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // An explicit environment: nothing from the developer's shell (TRUST_PROXY,
  // WEBHOOK_ALLOW_PRIVATE, ...) changes what is tested; only PATH and HOME come through.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? tmpdir(),
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), "ospab-data-")),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_URL: url,
    VPS_SYNC_API_KEY: TEST_SYNC_KEY,
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    DEMO_DATA: opts.demoData === false ? "0" : "1",
    LOG_LEVEL: "warn",
    ...opts.env,
  };
  let out = "";
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(process.execPath, [...(opts.nodeArgs ?? ["--enable-source-maps"]), "dist/server.mjs"], { cwd: root, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => (out += d));
    child.stderr!.on("data", (d) => (out += d));
    await waitHealthy(url, child, () => out);
  };
  try {
    await launch();
  } catch (err) {
    // A panel that refuses to start must not leave its database behind.
    await db?.drop();
    throw err;
  }
  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill(signal);
    });
  };
  return {
    url,
    port,
    databaseUrl,
    env,
    logs: () => out,
    pid: () => child.pid!,
    kill,
    restart: launch,
    async stop() {
      await kill();
      await db?.drop();
    },
  };
}
