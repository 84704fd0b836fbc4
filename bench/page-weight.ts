// JavaScript each page loads, gzipped, two ways:
//  1. from the build's own output: the root main files (build-manifest.json) plus the
//     entry chunks of the page and its layouts (the page's client reference manifest),
//     each file gzipped (zlib default level) — what the page's HTML asks for up front;
//  2. with --browser, in Chromium against the production panel (demo data): every script
//     response the page fetches until the network is idle, lazy chunks included.
//   npm run build && npx tsx bench/page-weight.ts [--browser] [--dist=.next]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { BrowserContext } from "@playwright/test";
import { ROOT } from "../test/support/panel";
import { printResult } from "./support";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const DIST = path.resolve(ROOT, arg("dist") ?? process.env.NEXT_DIST_DIR ?? ".next");
/** The pages the issue tracks first; every other page follows. */
const FIRST = ["/(client)/dashboard/page", "/(client)/vps/[id]/page", "/(auth)/login/page", "/(admin)/admin/vps/page"];

const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);

function pageManifests(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === "page_client-reference-manifest.js") {
        const route = "/" + path.relative(path.join(DIST, "server/app"), path.dirname(p)).split(path.sep).join("/") + "/page";
        found.set(route.replace(/^\/\/page$/, "/page"), p);
      }
    }
  };
  walk(path.join(DIST, "server/app"));
  return found;
}

function entryFiles(route: string, manifestFile: string): string[] {
  const g = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> };
  g.__RSC_MANIFEST = {};
  new Function(readFileSync(manifestFile, "utf8"))();
  const m = g.__RSC_MANIFEST[route];
  if (!m?.entryJSFiles) throw new Error(`no entryJSFiles for ${route} in ${manifestFile}`);
  return Object.values(m.entryJSFiles).flat();
}

const gzCache = new Map<string, { raw: number; gz: number }>();
function sizeOf(file: string) {
  let s = gzCache.get(file);
  if (!s) {
    const buf = readFileSync(path.join(DIST, file));
    gzCache.set(file, (s = { raw: buf.length, gz: gzipSync(buf).length }));
  }
  return s;
}

function fromBuild() {
  if (!existsSync(path.join(DIST, "build-manifest.json"))) throw new Error(`no build in ${DIST}: run \`npm run build\` first`);
  const build = JSON.parse(readFileSync(path.join(DIST, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const pages = pageManifests();
  let dashboard: Record<string, string | number> | undefined;
  const routes = [...FIRST.filter((r) => pages.has(r)), ...[...pages.keys()].filter((r) => !FIRST.includes(r) && !r.startsWith("/_")).sort()];
  console.log(`JavaScript per page from the build output (${path.relative(ROOT, DIST) || "."}): files, KB raw, KB gzipped`);
  for (const route of routes) {
    const files = [...new Set([...build.rootMainFiles, ...entryFiles(route, pages.get(route)!)])];
    const total = files.map(sizeOf).reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz }), { raw: 0, gz: 0 });
    console.log(`  ${route.padEnd(44)} ${String(files.length).padStart(3)} files ${kb(total.raw)} KB ${kb(total.gz)} KB gz`);
    if (route === FIRST[0]) dashboard = { js_gzip_kb: (total.gz / 1024).toFixed(1), js_files: files.length };
  }
  if (dashboard) printResult(dashboard);
}

async function inBrowser() {
  const { chromium } = await import("@playwright/test");
  const pg = (await import("pg")).default;
  const { startPanel, TEST_ADMIN } = await import("../test/support/panel");
  const panel = await startPanel({ demoData: true, env: { LOG_LEVEL: "error", ...(arg("dist") ? { NEXT_DIST_DIR: DIST } : {}) } });
  const browser = await chromium.launch({ executablePath: existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const c = new pg.Client({ connectionString: panel.databaseUrl });
    await c.connect();
    const client = (await c.query(`SELECT (SELECT v.id FROM vps v WHERE v.user_id = u.id ORDER BY v.id LIMIT 1) AS vps_id FROM users u WHERE u.email = 'client@ospab.local'`)).rows[0];
    await c.end();
    const CLIENT = { email: "client@ospab.local", password: "client-demo-pass" };
    const visits: [string, { email: string; password: string } | null][] = [
      ["/dashboard", CLIENT],
      [`/vps/${client.vps_id}`, CLIENT],
      ["/login", null],
      ["/admin/vps", TEST_ADMIN],
    ];
    console.log("JavaScript per page in Chromium (production panel, demo data, cold cache): script responses, KB raw, KB gzipped");
    for (const [url, login] of visits) {
      // Signed in through the form in a context of its own, so the measured one starts cold.
      let storageState: Awaited<ReturnType<BrowserContext["storageState"]>> | undefined;
      if (login) {
        const signIn = await browser.newContext();
        const p = await signIn.newPage();
        await p.goto(panel.url + "/login");
        await p.locator("#login").fill(login.email);
        await p.locator("#password").fill(login.password);
        await p.locator('button[type="submit"]').click();
        await p.waitForURL((u) => u.pathname !== "/login");
        storageState = await signIn.storageState();
        await signIn.close();
      }
      const context = await browser.newContext({ storageState });
      const page = await context.newPage();
      const scripts: Promise<{ sent: number; gz: number; encoding: string }>[] = [];
      page.on("response", (res) => {
        if (res.request().resourceType() !== "script") return;
        // Read at once: a body asked for after the page moved on is gone.
        scripts.push(
          res.body().then((body) => {
            return { sent: body.length, gz: gzipSync(body).length, encoding: res.headers()["content-encoding"] ?? "none" };
          }),
        );
      });
      const res = await page.goto(panel.url + url, { waitUntil: "networkidle" });
      if (!res?.ok() || new URL(page.url()).pathname !== url) throw new Error(`${url}: HTTP ${res?.status()} at ${page.url()}`);
      await page.waitForTimeout(500);
      const got = await Promise.all(scripts);
      const encodings = [...new Set(got.map((s) => s.encoding))].join(",");
      const sum = got.reduce((a, s) => ({ sent: a.sent + s.sent, gz: a.gz + s.gz }), { sent: 0, gz: 0 });
      console.log(`  ${url.padEnd(44)} ${String(got.length).padStart(3)} files ${kb(sum.sent)} KB ${kb(sum.gz)} KB gz (served with content-encoding: ${encodings})`);
      await context.close();
    }
  } finally {
    await browser.close();
    await panel.stop();
  }
}

fromBuild();
if (process.argv.includes("--browser")) await inBrowser();
