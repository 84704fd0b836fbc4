// `.env` as an operator uses it: `.env.example` copied to `.env` and filled in, in a
// deployment directory, then `npm run db:migrate`, `npm run db:seed` and `npm start` run
// there with nothing of the configuration in the real environment. The directory holds
// the `.env` and links to this checkout's build (dist/, .next/, node_modules/, …), so the
// entry points run exactly as `npm` runs them, from their own working directory.
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { freePort, ROOT } from "../support/panel";
import { createTestDatabase } from "../support/pg";
import { post, query } from "../support/sync";

const FILE_KEY = `file-key-${randomBytes(16).toString("hex")}`;
const REAL_KEY = `real-key-${randomBytes(16).toString("hex")}`;

/** Only what any shell has: no NODE_ENV, DATABASE_URL, NEXTAUTH_*, VPS_SYNC_API_KEY. */
const bareEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? tmpdir(), ...extra }) as unknown as NodeJS.ProcessEnv;

function run(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn("npm", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe(".env in a deployment directory", () => {
  let dir: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let port: number;
  let url: string;
  let server: ChildProcess | undefined;
  let out = "";

  async function start(env: NodeJS.ProcessEnv) {
    out = "";
    // `detached`: npm → sh → node; the whole group is stopped afterwards.
    server = spawn("npm", ["start"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    server.stdout!.on("data", (d) => (out += d));
    server.stderr!.on("data", (d) => (out += d));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${out}`);
      try {
        const r = await fetch(`${url}/api/health`);
        return r;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`the panel did not answer:\n${out}`);
  }
  async function stop() {
    const s = server;
    server = undefined;
    if (!s || s.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      s.once("exit", () => resolve());
      process.kill(-s.pid!, "SIGTERM");
    });
  }

  before(async () => {
    if (!existsSync(path.join(ROOT, "dist/server.mjs"))) throw new Error("run `npm run build` first");
    db = await createTestDatabase("ospab_envfile");
    port = await freePort();
    url = `http://127.0.0.1:${port}`;
    dir = mkdtempSync(path.join(tmpdir(), "ospab-deploy-"));
    for (const name of ["package.json", "node_modules", "dist", ".next", "next.config.mjs", "prisma", "scripts", "tsconfig.json"])
      symlinkSync(path.join(ROOT, name), path.join(dir, name));
    // .env.example, filled in the way its comments say; nothing else.
    const filled = readFileSync(path.join(ROOT, ".env.example"), "utf8")
      .replace(/^PORT=.*$/m, `PORT=${port}`)
      .replace(/^HOST=.*$/m, "HOST=127.0.0.1")
      .replace(/^NEXTAUTH_URL=.*$/m, `NEXTAUTH_URL=${url}`)
      .replace(/^NEXTAUTH_SECRET=$/m, `NEXTAUTH_SECRET=${randomBytes(32).toString("hex")}`)
      .replace(/^DATABASE_URL=.*$/m, `DATABASE_URL=${db.url}`)
      .replace(/^ADMIN_EMAIL=.*$/m, "ADMIN_EMAIL=env-admin@example.com")
      .replace(/^ADMIN_PASSWORD=$/m, "ADMIN_PASSWORD=env-admin-password")
      .replace(/^VPS_SYNC_API_KEY=$/m, `VPS_SYNC_API_KEY=${FILE_KEY}`)
      .replace(/^LOG_LEVEL=.*$/m, "LOG_LEVEL=warn");
    assert.notEqual(filled, readFileSync(path.join(ROOT, ".env.example"), "utf8"));
    writeFileSync(path.join(dir, ".env"), filled);
  });
  after(async () => {
    await stop();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("npm run db:migrate migrates the database named in .env", async () => {
    const r = await run(dir, ["run", "db:migrate"], bareEnv());
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /applied \d+ migration\(s\)/);
    const [row] = await query<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    assert.ok(row.n > 0);
  });

  it("npm start runs the production build configured by .env alone", async () => {
    const health = await start(bareEnv());
    assert.equal(health.status, 200, out);
    assert.deepEqual(await health.json(), { status: "ok" });
    // The key, the first admin and the database all came from the file.
    const user = await post(url, "/api/users/sync", { email: "env-client@example.com" }, { key: FILE_KEY });
    assert.equal(user.status, 201, user.text);
    const [admin] = await query<{ email: string }>(db.url, "SELECT email FROM users WHERE role = 'admin'");
    assert.equal(admin.email, "env-admin@example.com");
    assert.doesNotMatch(out, /WARNING|demo data created/);
    await stop();
  });

  it("a variable set in the real environment wins over .env", async () => {
    const health = await start(bareEnv({ VPS_SYNC_API_KEY: REAL_KEY }));
    assert.equal(health.status, 200, out);
    assert.equal((await post(url, "/api/users/sync", { email: "env-real@example.com" }, { key: REAL_KEY })).status, 201);
    assert.equal((await post(url, "/api/users/sync", { email: "env-file@example.com" }, { key: FILE_KEY })).status, 401);
    await stop();
  });

  it("npm run db:seed reads .env too (DEMO_DATA is the operator's choice; seeding is explicit)", async () => {
    const r = await run(dir, ["run", "db:seed"], bareEnv());
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /demo data: \d+ records created/);
    const [row] = await query<{ n: number }>(db.url, "SELECT count(*)::int AS n FROM users WHERE email LIKE '%@ospab.local'");
    assert.ok(row.n > 1);
  });
});
