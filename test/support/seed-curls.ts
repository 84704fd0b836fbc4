// The curl examples of the sync seeds, taken from the seed documents themselves when they
// are beside the repository (../shared/seeds, as in CI), else from the committed copy in
// test/fixtures/seed-curls.json (kept identical: a test compares them).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./panel";

export const SEED_FILES = ["vps-sync-examples.ru.md", "main-site-integration-guide.ru.md"] as const;
export const SEEDS_DIR = process.env.OSPAB_SEEDS_DIR ?? path.resolve(ROOT, "../shared/seeds");
export const FIXTURE = path.join(ROOT, "test/fixtures/seed-curls.json");

/** Every `curl ...` command: its continuation lines and its multi-line '...' body. */
export function extractCurls(markdown: string): string[] {
  const lines = markdown.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^curl\s/.test(lines[i])) continue;
    const cmd: string[] = [];
    let quotes = 0;
    for (; i < lines.length; i++) {
      const line = lines[i];
      cmd.push(line);
      quotes += (line.match(/'/g) ?? []).length;
      if (quotes % 2 === 0 && !line.trimEnd().endsWith("\\")) break;
    }
    out.push(cmd.join("\n"));
  }
  return out;
}

export function seedCurlsFromSeeds(): Record<string, string[]> | null {
  if (!SEED_FILES.every((f) => existsSync(path.join(SEEDS_DIR, f)))) return null;
  return Object.fromEntries(SEED_FILES.map((f) => [f, extractCurls(readFileSync(path.join(SEEDS_DIR, f), "utf8"))]));
}

export function seedCurls(): Record<string, string[]> {
  return seedCurlsFromSeeds() ?? JSON.parse(readFileSync(FIXTURE, "utf8"));
}
