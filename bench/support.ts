// Shared pieces of the benchmarks: a keep-alive HTTP load generator with latency
// percentiles, and figures printing. Benchmarks print numbers; they assert nothing.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export function request(baseUrl: string, agent: http.Agent, r: Req): Promise<{ status: number; body: string }> {
  const url = new URL(r.path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: r.method ?? "GET", headers: { ...(r.body ? { "content-length": Buffer.byteLength(r.body) } : {}), ...r.headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    if (r.body) req.write(r.body);
    req.end();
  });
}

/** Sends `reqs` with `concurrency` requests in flight; returns throughput and latency (ms). */
export async function load(
  baseUrl: string,
  reqs: Req[],
  concurrency: number,
  onResponse?: (i: number, status: number, body: string) => void,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < reqs.length) {
        const i = next++;
        const t0 = performance.now();
        try {
          const res = await request(baseUrl, agent, reqs[i]);
          latencies.push(performance.now() - t0);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 400) errors++;
          onResponse?.(i, res.status, res.body);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: reqs.length, errors, seconds, rps: reqs.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses };
}

/**
 * The machine-readable line every benchmark prints once, e.g.
 *   RESULT sync_ratio=0.62 panel_rps=1650 baseline_rps=2660
 * (space-separated key=value, keys unique across benchmarks; numbers as plain decimals,
 * "n/a" when not measured). scripts/bench-all.ts collects these into its summary table.
 */
export function printResult(fields: Record<string, number | string>) {
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "number" ? (Number.isFinite(v) ? String(Math.round(v * 1000) / 1000) : "n/a") : v}`);
  console.log(`RESULT ${parts.join(" ")}`);
}

/** The fields of every RESULT line in a benchmark's output. */
export function parseResults(output: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of output.split("\n")) {
    const m = /^RESULT\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    for (const tok of m[1].split(/\s+/)) {
      const i = tok.indexOf("=");
      if (i > 0) out[tok.slice(0, i)] = tok.slice(i + 1);
    }
  }
  return out;
}

/**
 * Reuses the production build (dist/server.mjs + .next/BUILD_ID) when present, otherwise
 * runs `npm run build` (minutes on a loaded 2-core machine). Benchmarks that start a panel
 * call this first.
 */
/** What the production build is made of: a file here newer than the build makes it stale. */
const BUILD_INPUTS = ["app", "lib", "components", "prisma/schema.prisma", "server.ts", "proxy.ts", "next.config.mjs", "package-lock.json", "scripts/build-server.mjs"];

/** The newest modification time (ms) under `p` (a file or a folder, walked). */
function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(p, e.name)));
  }
  return newest;
}

/** Builds the panel unless a production build newer than every source file is there. */
export async function ensureBuild(): Promise<void> {
  const root = path.resolve(import.meta.dirname, "..");
  const outputs = [path.join(root, "dist/server.mjs"), path.join(root, ".next/BUILD_ID")];
  if (outputs.every((f) => existsSync(f))) {
    const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
    const changed = Math.max(...BUILD_INPUTS.map((f) => newestMtime(path.join(root, f))));
    if (changed <= built) return;
    console.log("the production build is older than the sources: running `npm run build` first");
  } else console.log("no production build: running `npm run build` first");
  const r = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`npm run build failed (${r.status})`);
}

/** The machine's load while a benchmark ran (2-core machine shared with other work). */
export function loadNote(): string {
  const [a, b, c] = os.loadavg();
  return `load average ${a.toFixed(2)} ${b.toFixed(2)} ${c.toFixed(2)} (${os.cpus().length} CPUs)`;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

export function row(label: string, r: LoadResult) {
  return `${label.padEnd(34)} ${fmt(r.rps, 0).padStart(7)} req/s   p50 ${fmt(r.p50, 2).padStart(7)} ms   p99 ${fmt(r.p99, 2).padStart(7)} ms   errors ${r.errors}`;
}

export function intArg(name: string, fallback: number): number {
  const flag = process.argv.find((a) => a.startsWith(`--${name}=`));
  const v = flag ? Number(flag.split("=")[1]) : Number(process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

/**
 * A client with `vps` VPS straight into the database (1,000 sync requests would only slow
 * the setup down), signed in for real — sessions are server-side records, so a minted JWT
 * alone is refused. Returns the session's Cookie header (benchmark setup).
 */
export async function signedInClientWithVps(panel: { url: string; databaseUrl: string }, prefix: string, vps: number): Promise<string> {
  const { hashPassword } = await import("../lib/auth/password");
  const { SessionClient } = await import("../test/support/http");
  const pg = (await import("pg")).default;
  const password = `${prefix}bench-password`;
  const [userId] = await insertUsers(panel.databaseUrl, 1, prefix, await hashPassword(password));
  const c = new pg.Client({ connectionString: panel.databaseUrl });
  await c.connect();
  try {
    await c.query(
      `INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, ip_address, created_at, updated_at)
       SELECT $1, 'server-' || lpad(g::text, 4, '0'),
              (ARRAY['creating','running','stopped','suspended'])[1 + g % 4]::"VpsStatus",
              1 + g % 8, 1024 * (1 + g % 16), 20 * (1 + g % 10), 'Ubuntu 22.04 LTS',
              '203.0.' || (g / 250) || '.' || (g % 250), now() - g * interval '1 hour', now()
         FROM generate_series(1, $2::int) g`,
      [userId, vps],
    );
  } finally {
    await c.end();
  }
  const session = new SessionClient(panel.url);
  if (!(await session.signIn(`${prefix}1@example.com`, password))) throw new Error(`${prefix}: sign-in failed`);
  return session.cookieList.map((x) => `${x.name}=${x.value}`).join("; ");
}

/**
 * Users straight into the database (benchmark setup). With `passwordHash` (bcrypt) they can
 * sign in; without, the hash is unusable and only minted sessions work.
 */
export async function insertUsers(databaseUrl: string, n: number, prefix: string, passwordHash = "x"): Promise<number[]> {
  const pg = (await import("pg")).default;
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: number }>(
      `INSERT INTO users (email, name, password_hash, updated_at)
       SELECT $1 || g || '@example.com', 'Bench ' || g, $3, now() FROM generate_series(1, $2::int) g ORDER BY g RETURNING id`,
      [prefix, n, passwordHash],
    );
    return rows.map((r) => r.id);
  } finally {
    await c.end();
  }
}

/** Runs `stop` once — at the end, on SIGINT/SIGTERM or on an unhandled rejection — so a
 * benchmark never leaves a panel process or its database behind. Returns the stopper. */
export function stopOnExit(stop: () => Promise<unknown>): () => Promise<void> {
  let done = false;
  const once = async () => {
    if (done) return;
    done = true;
    await stop().catch(() => {});
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => void once().then(() => process.exit(130)));
  process.on("unhandledRejection", (err) => {
    console.error(err);
    void once().then(() => process.exit(1));
  });
  return once;
}
