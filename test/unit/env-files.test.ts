// Reading .env files (lib/env-files.ts): the real environment wins, .env.local only in
// development, and .env.example filled in is a working production configuration.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { parseEnv as parseProcessEnv } from "../../lib/env";
import { loadEnvFiles } from "../../lib/env-files";

const dataDir = mkdtempSync(path.join(tmpdir(), "ospab-env-files-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Next's types make NODE_ENV mandatory in ProcessEnv; the point here is leaving it out. */
const parseEnv = (env: Record<string, string | undefined>) => parseProcessEnv(env as NodeJS.ProcessEnv);

const SECRET = "a".repeat(32);
const KEY = "k".repeat(40);

describe(".env files", () => {
  const dir = (files: Record<string, string>) => {
    const d = mkdtempSync(path.join(dataDir, "cwd-"));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(d, name), text);
    return d;
  };

  it("sets what the real environment lacks; a variable set in the real environment wins", () => {
    const cwd = dir({ ".env": "PORT=6060\nNEXTAUTH_URL=https://from-file.example.com\n# comment\nNEXTAUTH_SECRET=\"quoted secret with spaces and # hash\"\n" });
    const target: NodeJS.ProcessEnv = { NEXTAUTH_URL: "https://real.example.com" } as NodeJS.ProcessEnv;
    const loaded = loadEnvFiles(cwd, target);
    assert.deepEqual(loaded.files, [path.join(cwd, ".env")]);
    assert.deepEqual(loaded.applied.sort(), ["NEXTAUTH_SECRET", "PORT"]);
    assert.equal(target.PORT, "6060");
    assert.equal(target.NEXTAUTH_URL, "https://real.example.com");
    assert.equal(target.NEXTAUTH_SECRET, "quoted secret with spaces and # hash");
  });

  it("a variable set empty in the real environment still wins (it means unset)", () => {
    const target = { PORT: "" } as unknown as NodeJS.ProcessEnv;
    loadEnvFiles(dir({ ".env": "PORT=6060\n" }), target);
    assert.equal(target.PORT, "");
  });

  it(".env.local overrides .env in development only", () => {
    const cwd = dir({ ".env": "PORT=6060\nHOST=127.0.0.2\n", ".env.local": "PORT=7070\n" });
    const dev = {} as NodeJS.ProcessEnv;
    loadEnvFiles(cwd, dev);
    assert.deepEqual([dev.PORT, dev.HOST], ["7070", "127.0.0.2"]);
    const prod = { NODE_ENV: "production" } as NodeJS.ProcessEnv;
    loadEnvFiles(cwd, prod);
    assert.equal(prod.PORT, "6060");
    const prodByFile = {} as NodeJS.ProcessEnv;
    loadEnvFiles(dir({ ".env": "NODE_ENV=production\nPORT=6060\n", ".env.local": "PORT=7070\n" }), prodByFile);
    assert.equal(prodByFile.PORT, "6060", "NODE_ENV from .env decides the mode too");
  });

  it("no files: nothing changes", () => {
    const target = {} as NodeJS.ProcessEnv;
    assert.deepEqual(loadEnvFiles(dir({}), target), { files: [], applied: [] });
    assert.deepEqual(target, {});
  });

  it(".env.example, filled in, is a working production configuration", () => {
    const example = readFileSync(path.join(import.meta.dirname, "../../.env.example"), "utf8");
    const filled = example
      .replace(/^NEXTAUTH_SECRET=$/m, `NEXTAUTH_SECRET=${SECRET}`)
      .replace(/^VPS_SYNC_API_KEY=$/m, `VPS_SYNC_API_KEY=${KEY}`)
      .replace(/^ADMIN_PASSWORD=$/m, "ADMIN_PASSWORD=a-long-admin-password")
      .replace(/^DATA_DIR=.*$/m, `DATA_DIR=${dataDir}`);
    const target = {} as NodeJS.ProcessEnv;
    loadEnvFiles(dir({ ".env": filled }), target);
    const env = parseEnv(target);
    assert.equal(env.isProduction, true);
    assert.equal(env.VPS_SYNC_API_KEY, KEY);
    assert.equal(env.demoData, false);
    assert.equal(env.demoMainSite, false);
    assert.deepEqual(env.warnings, []);
    assert.equal(env.NEXTAUTH_URL, "https://panel.example.com");
  });
});
