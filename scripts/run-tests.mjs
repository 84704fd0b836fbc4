// Runs node:test on every *.test.ts under the given folders (Node 20's runner has no globs
// and does not look for .ts files by itself). Extra flags after `--` go to node --test.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const sep = args.indexOf("--");
const dirs = sep === -1 ? args : args.slice(0, sep);
const extra = sep === -1 ? [] : args.slice(sep + 1);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return walk(p);
    return name.endsWith(".test.ts") ? [p] : [];
  });
}
const files = dirs.filter((d) => existsSync(d)).flatMap(walk).sort();
if (files.length === 0) {
  console.error(`no tests under ${dirs.join(", ")}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ["--import", "tsx", "--test", ...extra, ...files], { stdio: "inherit" });
process.exit(r.status ?? 1);
