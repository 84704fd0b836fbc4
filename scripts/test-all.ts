// `npm test`: every step in turn (type check, lint, unit, integration, build, HTTP, Playwright,
// and last the PostgreSQL-restart suite), one PostgreSQL for all of them (test/support/pg.ts
// picks it: TEST_PG_URL, the local server, or a private embedded one it starts), then one
// line with the totals of every runner: `N passed, N failed, N skipped`. Exits non-zero when
// any step failed. Steps that need the build do not run when it fails.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { adminUrl } from "../test/support/pg";
import { runNodeTests } from "./run-tests";

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
interface StepResult {
  name: string;
  ok: boolean;
  ran: boolean;
  counts?: Counts;
  ms: number;
}

const reports = mkdtempSync(path.join(tmpdir(), "ospab-test-reports-"));
const bin = (name: string) => path.join("node_modules", ".bin", name);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
}

/** The totals node:test's TAP reporter writes at the end (`# pass N`, `# fail N`, ...). */
export function parseTap(text: string): Counts {
  const n = (k: string) => Number([...text.matchAll(new RegExp(`^# ${k} (\\d+)$`, "gm"))].at(-1)?.[1] ?? 0);
  return { passed: n("pass"), failed: n("fail") + n("cancelled"), skipped: n("skipped") + n("todo") };
}

/** Playwright's JSON reporter: stats.expected / unexpected / flaky / skipped. */
function parsePlaywright(file: string): Counts | undefined {
  if (!existsSync(file)) return undefined;
  const { stats } = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

async function nodeStep(name: string, paths: string[], extra: string[]): Promise<{ code: number; counts?: Counts }> {
  const tapFile = path.join(reports, `${name}.tap`);
  const code = await runNodeTests(paths, extra, { tapFile });
  const counts = existsSync(tapFile) ? parseTap(readFileSync(tapFile, "utf8")) : undefined;
  // A crashed runner that reported no failure still failed.
  if (counts && code !== 0 && counts.failed === 0) counts.failed = 1;
  return { code, counts };
}

const steps: { name: string; needsBuild?: boolean; run: () => Promise<{ code: number; counts?: Counts }> }[] = [
  { name: "typecheck", run: async () => ({ code: await run(bin("tsc"), ["--noEmit"]) }) },
  { name: "lint", run: async () => ({ code: await run(bin("eslint"), ["."]) }) },
  // test/unit mirrors lib/ (test/unit/<domain>/<module>.test.ts): pure code, no database.
  { name: "unit", run: () => nodeStep("unit", ["test/unit"], ["--test-concurrency=1"]) },
  // test/integration: lib/ against PGlite and PostgreSQL, no panel process.
  { name: "integration", run: () => nodeStep("integration", ["test/integration"], ["--test-concurrency=1"]) },
  { name: "build", run: async () => ({ code: await run("npm", ["run", "build"]) }) },
  { name: "http", needsBuild: true, run: () => nodeStep("http", ["test/http"], ["--test-concurrency=2"]) },
  {
    name: "e2e",
    needsBuild: true,
    run: async () => {
      const file = path.join(reports, "playwright.json");
      const code = await run(bin("playwright"), ["test", "--reporter=list,json"], { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: file });
      const counts = parsePlaywright(file);
      if (counts && code !== 0 && counts.failed === 0) counts.failed = 1;
      return { code, counts };
    },
  },
  // Last, by its place in this list (steps run in list order, also when named on the command
  // line), not by a file name: it stops and restarts a PostgreSQL server under load. That
  // server is its own (never the shared one); running last keeps the load and the outage
  // from overlapping any other step.
  { name: "pg-restart", needsBuild: true, run: () => nodeStep("pg-restart", ["test/pg-restart"], []) },
];

const only = process.argv.slice(2);
const started = Date.now();
const url = await adminUrl();
console.error(`# tests' PostgreSQL: ${url.replace(/:[^:@/]+@/, ":***@")}`);
const results: StepResult[] = [];
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  const buildFailed = results.some((r) => r.name === "build" && !r.ok);
  if (step.needsBuild && buildFailed) {
    results.push({ name: step.name, ok: false, ran: false, ms: 0 });
    continue;
  }
  console.log(`\n== ${step.name}`);
  const t0 = Date.now();
  const { code, counts } = await step.run();
  results.push({ name: step.name, ok: code === 0, ran: true, counts, ms: Date.now() - t0 });
}
rmSync(reports, { recursive: true, force: true });

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
console.log("\n== summary");
for (const r of results) {
  for (const k of ["passed", "failed", "skipped"] as const) total[k] += r.counts?.[k] ?? 0;
  const c = r.counts ? ` ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped` : "";
  console.log(`${r.ok ? "ok  " : r.ran ? "FAIL" : "SKIP"} ${r.name.padEnd(11)} ${(r.ms / 1000).toFixed(1).padStart(6)} s${c}${r.ran ? "" : " (not run: the build failed)"}`);
}
const failedSteps = results.filter((r) => !r.ok).map((r) => r.name);
console.log(
  `${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped` +
    (failedSteps.length ? ` — failed steps: ${failedSteps.join(", ")}` : "") +
    ` (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
process.exitCode = failedSteps.length ? 1 : 0;
