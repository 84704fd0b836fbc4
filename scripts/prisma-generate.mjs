// postinstall: generate the Prisma client without downloading anything.
// Prisma's CLI insists on a schema engine even for `generate`, which does not use it;
// offline there is none, so point it at any executable (node itself) when absent.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };

if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  let hasEngine = false;
  try {
    const dir = path.dirname(require.resolve("@prisma/engines/package.json"));
    hasEngine = readdirSync(dir).some((f) => f.startsWith("schema-engine"));
  } catch {
    hasEngine = false;
  }
  if (!hasEngine) env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}

if (!existsSync("prisma/schema.prisma")) process.exit(0);
const cli = require.resolve("prisma/build/index.js");
const r = spawnSync(process.execPath, [cli, "generate"], { stdio: "inherit", env });
process.exit(r.status ?? 1);
