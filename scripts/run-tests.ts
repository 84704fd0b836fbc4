// Runs node:test on every *.test.ts under the given folders or files (Node 20's runner has
// no globs and does not look for .ts files by itself); new files are picked up as they come.
// Extra flags after `--` go to node --test. The tests' PostgreSQL is chosen once here
// (test/support/pg.ts: TEST_PG_URL, the local server, or a private embedded one) and
// handed to every test file through TEST_PG_URL.
//   node --import tsx scripts/run-tests.ts test/http -- --test-concurrency=2
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { adminUrl } from "../test/support/pg";

function walk(p: string): string[] {
  if (!statSync(p).isDirectory()) return p.endsWith(".test.ts") ? [p] : [];
  return readdirSync(p).flatMap((name) => walk(path.join(p, name)));
}

export function testFiles(paths: string[]): string[] {
  return paths.filter((d) => existsSync(d)).flatMap(walk).sort();
}

/** Runs node --test on the files; resolves to its exit code. `tapFile` also writes a TAP report there. */
export function runNodeTests(paths: string[], extra: string[], opts: { tapFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  const files = testFiles(paths);
  if (files.length === 0) {
    console.error(`no tests under ${paths.join(", ")}`);
    return Promise.resolve(1);
  }
  const reporters = opts.tapFile
    ? ["--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${opts.tapFile}`]
    : [];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--test", ...reporters, ...extra, ...files], {
      stdio: "inherit",
      env: opts.env ?? process.env,
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const sep = args.indexOf("--");
  const paths = sep === -1 ? args : args.slice(0, sep);
  const extra = sep === -1 ? [] : args.slice(sep + 1);
  await adminUrl(); // sets TEST_PG_URL for the children when it starts a private server
  const code = await runNodeTests(paths, extra);
  process.exitCode = code;
}
