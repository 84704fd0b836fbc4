// `.env` files, read from the working directory before the configuration is validated
// (lib/env.ts getEnv), so `npm run dev`, `npm start`, `npm run db:migrate` and
// `npm run db:seed` see the same settings. Precedence: the real environment, then
// `.env.local` (development only), then `.env`. Next.js loads the same files later for its
// own purposes; it never overrides a variable that is already set either.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "dotenv";

export interface EnvFiles {
  /** Files that were read, in order of precedence. */
  files: string[];
  /** Variables set from them (names only: values may be secrets). */
  applied: string[];
}

/** Reads `.env` (and `.env.local` in development) from `cwd` into `target`, never overriding a set variable. */
export function loadEnvFiles(cwd: string = process.cwd(), target: NodeJS.ProcessEnv = process.env): EnvFiles {
  const read = (name: string) => {
    const file = path.join(cwd, name);
    return existsSync(file) ? { file, values: parse(readFileSync(file)) } : undefined;
  };
  const base = read(".env");
  // The mode decides whether .env.local applies; it may itself come from .env.
  const mode = target.NODE_ENV || base?.values.NODE_ENV || "development";
  const local = mode === "development" ? read(".env.local") : undefined;
  const layers = [local, base].filter((l) => l !== undefined);
  const applied: string[] = [];
  for (const { values } of layers)
    for (const [name, value] of Object.entries(values)) {
      if (target[name] !== undefined) continue;
      target[name] = value;
      applied.push(name);
    }
  return { files: layers.map((l) => l.file), applied };
}
