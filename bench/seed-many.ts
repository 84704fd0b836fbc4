// Fills a panel database with many users and VPS straight through SQL (seconds, not
// minutes), for the admin-list benchmark and for trying the admin pages at scale.
//   DATABASE_URL=postgresql://... npx tsx bench/seed-many.ts [users=2000] [vps=10000]
// Users are bench-u<N>@bench.local (password "bench-password"); VPS are spread over them
// round-robin with varied statuses, OS, sizes, IPs and creation times.
import { hashPassword } from "../lib/auth/password";
import type { SqlRunner } from "../lib/db";

export interface SeedManyResult {
  users: number;
  vps: number;
  ms: number;
}

export async function seedMany(sql: SqlRunner, opts: { users: number; vps: number }): Promise<SeedManyResult> {
  const started = Date.now();
  const hash = await hashPassword("bench-password");
  await sql.query(
    `INSERT INTO users (email, username, name, role, locale, password_hash, created_at, updated_at)
     SELECT 'bench-u' || g || '@bench.local', 'bench' || g, 'Bench User ' || g,
            (CASE WHEN g % 500 = 0 THEN 'admin' ELSE 'client' END)::"Role",
            CASE WHEN g % 3 = 0 THEN 'en' ELSE 'ru' END, $1,
            now() - make_interval(mins => g), now()
       FROM generate_series(1, $2::int) AS g
     ON CONFLICT (email) DO NOTHING`,
    [hash, opts.users],
  );
  await sql.query(
    `WITH owners AS (
       SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM users WHERE email LIKE 'bench-u%@bench.local'
     ), n AS (SELECT count(*) AS c FROM owners)
     INSERT INTO vps (user_id, name, status, cpu, ram_mb, disk_gb, os, hypervisor, ip_address, created_at, updated_at)
     SELECT o.id,
            (ARRAY['web','db','app','cache','mail','vpn','ci','backup'])[1 + g % 8] || '-' || lpad(g::text, 5, '0'),
            (ARRAY['running','running','running','stopped','suspended','creating','error'])[1 + g % 7]::"VpsStatus",
            (ARRAY[1,2,4,8])[1 + g % 4], (ARRAY[1024,2048,4096,8192,16384])[1 + g % 5], (ARRAY[20,40,60,100,200])[1 + g % 5],
            (ARRAY['Ubuntu 22.04 LTS','Ubuntu 24.04 LTS','Debian 12','AlmaLinux 9','Rocky Linux 9'])[1 + g % 5],
            'proxmox',
            CASE WHEN g % 7 = 5 THEN NULL ELSE '10.' || (g / 65536) % 256 || '.' || (g / 256) % 256 || '.' || g % 256 END,
            now() - make_interval(mins => g * 3), now() - make_interval(mins => g)
       FROM generate_series(1, $1::int) AS g
       JOIN n ON true
       JOIN owners o ON o.rn = g % n.c`,
    [opts.vps],
  );
  await sql.exec("ANALYZE users; ANALYZE vps;");
  const [counts] = await sql.query<{ users: string; vps: string }>(
    "SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM vps) AS vps",
  );
  return { users: Number(counts.users), vps: Number(counts.vps), ms: Date.now() - started };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("seed-many: set DATABASE_URL to the panel's PostgreSQL database");
    process.exit(1);
  }
  const { openDatabase } = await import("../lib/db");
  const { migrate } = await import("../lib/migrate");
  const db = await openDatabase({ databaseUrl: url });
  await migrate(db);
  const r = await seedMany(db.sql, { users: Number(process.argv[2] ?? 2000), vps: Number(process.argv[3] ?? 10000) });
  console.log(`seed-many: database now holds ${r.users} users and ${r.vps} VPS (${r.ms} ms)`);
  await db.close();
}
