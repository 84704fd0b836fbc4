// Admin lists at scale: a throwaway PostgreSQL database with 2,000 users and 10,000 VPS
// (bench/seed-many.ts), then
//   1. EXPLAIN ANALYZE of the exact SQL Prisma sends for each list scenario, and
//   2. the server time of the real pages (/admin/vps, /admin/users and their JSON routes) on
//      a production panel: p50/p95 over repeated requests on loopback.
//   npm run build && npx tsx bench/admin-lists.ts [--plans]
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { adminUsersQuerySchema, adminVpsQuerySchema } from "../lib/admin/list-params";
import { listAllVps } from "../lib/vps/list-vps";
import { listUsers } from "../lib/admin/list-users";
import { openDatabase, type Db } from "../lib/db";
import { PrismaClient } from "../lib/generated/prisma/client";
import { migrate } from "../lib/migrate";
import { SessionClient } from "../test/support/http";
import { startPanel } from "../test/support/panel";
import { createTestDatabase } from "../test/support/pg";
import { seedMany } from "./seed-many";

const showPlans = process.argv.includes("--plans");
const REPEAT = 30;
/** The admin reads check their actor; the benchmark reads as an administrator. */
const BENCH_ADMIN = { userId: 0, role: "admin" } as const;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

const target = await createTestDatabase("ospab_bench");
try {
  const db = await openDatabase({ databaseUrl: target.url });
  await migrate(db);
  const seeded = await seedMany(db.sql, { users: 2000, vps: 10000 });
  console.log(`seeded ${seeded.users} users, ${seeded.vps} VPS in ${seeded.ms} ms`);
  await db.close();

  // 1. Plans of the SQL Prisma actually sends.
  const pool = new pg.Pool({ connectionString: target.url, max: 2 });
  const captured: { query: string; params: unknown[] }[] = [];
  const logged = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ emit: "event", level: "query" }] });
  logged.$on("query", (e) => captured.push({ query: e.query, params: JSON.parse(e.params) as unknown[] }));
  const prisma = logged as unknown as Db;
  const ownerId = (await pool.query("SELECT id FROM users WHERE email = 'bench-u7@bench.local'")).rows[0].id as number;
  const scenarios: [string, () => Promise<unknown>][] = [
    ["vps: first page, newest first", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({}))],
    ["vps: page 150 of 200", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({ page: "150" }))],
    ["vps: status=stopped, by name", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({ status: "stopped", sort: "name" }))],
    ["vps: search 'db-0042'", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({ q: "db-0042" }))],
    ["vps: search IP '10.0.3.'", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({ q: "10.0.3." }))],
    ["vps: owner id", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({ owner: String(ownerId) }))],
    ["vps: owner email fragment", () => listAllVps(prisma, BENCH_ADMIN, adminVpsQuerySchema.parse({ owner: "bench-u7@" }))],
    ["users: first page", () => listUsers(prisma, BENCH_ADMIN, adminUsersQuerySchema.parse({}))],
    ["users: search 'u1999'", () => listUsers(prisma, BENCH_ADMIN, adminUsersQuerySchema.parse({ q: "u1999" }))],
    ["users: role=admin", () => listUsers(prisma, BENCH_ADMIN, adminUsersQuerySchema.parse({ role: "admin" }))],
  ];
  console.log("\nEXPLAIN ANALYZE (execution time of each statement Prisma sent):");
  for (const [name, run] of scenarios) {
    captured.length = 0;
    await run();
    const lines: string[] = [];
    for (const c of captured) {
      const plan = (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${c.query}`, c.params)).rows.map((r) => r["QUERY PLAN"] as string);
      const exec = plan.find((l) => l.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
      const scan = plan.find((l) => /Scan|Index/.test(l))?.trim().replace(/\s+\(cost.*$/, "") ?? plan[0];
      lines.push(`    ${exec.padStart(10)}  ${scan}  — ${c.query.replace(/\s+/g, " ").slice(0, 70)}…`);
      if (showPlans) lines.push(...plan.map((l) => `        ${l}`));
    }
    console.log(`  ${name}`);
    for (const l of lines) console.log(l);
  }
  await logged.$disconnect();
  await pool.end();

  // 2. Server time of the real pages.
  const panel = await startPanel({ databaseUrl: target.url, demoData: false });
  try {
    // The seed has admins already (every 500th bench user), so the panel made no first admin.
    const admin = new SessionClient(panel.url);
    if (!(await admin.signIn("bench-u500@bench.local", "bench-password"))) throw new Error("admin sign-in failed");
    const pages = [
      "/admin/vps",
      "/admin/vps?page=150",
      "/admin/vps?status=stopped&sort=name",
      "/admin/vps?q=db-0042",
      "/admin/vps?owner=bench-u7%40",
      "/admin/users",
      "/admin/users?q=u1999",
      "/api/admin/vps?page=199",
      "/api/admin/users?role=client&page=30",
    ];
    console.log(`\nServer time over HTTP (production build, ${REPEAT} requests each after warm-up):`);
    for (const path of pages) {
      for (let i = 0; i < 3; i++) await (await admin.fetch(path)).arrayBuffer();
      const times: number[] = [];
      for (let i = 0; i < REPEAT; i++) {
        const t0 = performance.now();
        const res = await admin.fetch(path);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - t0);
      }
      console.log(`  ${path.padEnd(40)} p50 ${ms(pct(times, 50)).padStart(9)}   p95 ${ms(pct(times, 95)).padStart(9)}`);
    }
  } finally {
    await panel.kill();
  }
} finally {
  await target.drop();
}
