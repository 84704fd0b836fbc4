// Runs the integration scripts exactly as the other systems do: a program path, an argv
// array (no shell), an environment, and nothing else; captures stdout, stderr, exit code.
import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT } from "./panel";

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A minimal environment, like a cron/ssh job's: PATH and what the test passes. */
export function runProgram(program: string, args: string[], env: Record<string, string> = {}, cwd = "/"): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env: { PATH: "/usr/local/bin:/usr/bin:/bin", LANG: "C.UTF-8", ...env } as unknown as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A copy of integrations/billmanager in a fresh directory (as an admin uploads it). */
export function installBillmanagerScripts(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bm-scripts-"));
  cpSync(path.join(ROOT, "integrations/billmanager"), dir, { recursive: true });
  return dir;
}

/** BILLmanager's reading of a script's output: the first line must start with OK; the
 *  `--name=value` words after it are the service's parameters (id → externalid). */
export function parseBillmanagerOutput(stdout: string): Record<string, string> | null {
  const first = stdout.split("\n")[0];
  if (!first.startsWith("OK")) return null;
  const params: Record<string, string> = {};
  for (const word of first.slice(2).trim().split(/\s+/).filter(Boolean)) {
    const m = /^--([^=]+)=(.*)$/.exec(word);
    if (m) params[m[1]] = m[2];
  }
  return params;
}

/** The Bitrix plugin installed as 1C-Bitrix expects it: <root>/opt/webdir/providers/<name>/bin/<name>,
 *  settings in .../<name>/etc/<name>.conf. Returns the program path. */
export function installBitrixPlugin(name: string, conf: Record<string, string> | null): { program: string; root: string } {
  const root = mkdtempSync(path.join(tmpdir(), "bitrix-"));
  const base = path.join(root, "opt/webdir/providers", name);
  mkdirSync(path.join(base, "bin"), { recursive: true });
  mkdirSync(path.join(base, "etc"), { recursive: true });
  const program = path.join(base, "bin", name);
  copyFileSync(path.join(ROOT, "integrations/bitrix/ospab/bin/ospab"), program);
  chmodSync(program, 0o755);
  if (conf) writeFileSync(path.join(base, "etc", `${name}.conf`), Object.entries(conf).map(([k, v]) => `${k}=${v}\n`).join(""), { mode: 0o600 });
  return { program, root };
}
