// server.ts serves the machine API itself (lib/machine-api): its table must be exactly the
// app/api definitions of kind "machine", each reachable through that node path, and every
// definition must name the method and path Next serves it under (its file and export).
import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, it } from "node:test";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-0123456789abcdef0123456789";

const { isRouteDefinition } = await import("../../../lib/http/handler");
const { MACHINE_ROUTES, machineRoute } = await import("../../../lib/machine-api");
type RouteDefinition = (typeof MACHINE_ROUTES)[number];

const API = path.resolve(import.meta.dirname, "../../../app/api");
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name === "route.ts" ? [p] : [];
  });
/** app/api/orders/[id]/fail/route.ts → /api/orders/:id/fail */
const urlPathOf = (file: string) =>
  `/api/${path.relative(API, path.dirname(file)).split(path.sep).map((s) => s.replace(/^\[(\w+)\]$/, ":$1")).join("/")}`.replace(/\/$/, "");

const definitions: { file: string; exportName: string; def: RouteDefinition }[] = [];
for (const file of walk(API)) {
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  for (const [exportName, value] of Object.entries(mod)) if (isRouteDefinition(value)) definitions.push({ file, exportName, def: value });
}

describe("route definitions", () => {
  it("every app/api handler export is a definition whose method and path are its export and file", () => {
    assert.ok(definitions.length >= 40, `only ${definitions.length} definitions found`);
    for (const { file, exportName, def } of definitions) {
      const where = path.relative(API, file);
      assert.equal(def.method, exportName, where);
      assert.equal(def.path, urlPathOf(file), where);
    }
  });

  it("server.ts's machine table is exactly the definitions of kind machine", () => {
    const machine = new Set(definitions.filter((d) => d.def.kind === "machine").map((d) => d.def));
    assert.deepEqual(new Set(MACHINE_ROUTES), machine);
    assert.ok(MACHINE_ROUTES.every((d) => d.kind === "machine"));
    assert.deepEqual(MACHINE_ROUTES.map((d) => `${d.method} ${d.path}`).sort(), [
      "GET /api/vps/sync",
      "POST /api/integrations/billmanager/:action",
      "POST /api/orders/:id/fail",
      "POST /api/users/sync",
      "POST /api/vps/actions/:request_id",
      "POST /api/vps/metrics",
      "POST /api/vps/sync",
    ]);
  });

  it("every machine definition is reachable through the node path, params decoded as Next decodes them", () => {
    for (const def of MACHINE_ROUTES) {
      const url = def.path.replace(/:(\w+)/g, (_, name: string) => `${name}%2Dx`) + "?a=1";
      const match = machineRoute(def.method, url);
      assert.equal(match?.definition, def, url);
      for (const [name, value] of Object.entries(match?.params ?? {})) assert.equal(value, `${name}-x`);
    }
  });

  it("anything else goes to Next: other methods, other paths, a trailing slash, a bad escape", () => {
    for (const [method, url] of [
      ["GET", "/api/users/sync"],
      ["GET", "/api/orders/5/fail"],
      ["POST", "/api/orders/5/fail/"],
      ["POST", "/api/orders/5/6/fail"],
      ["POST", "/api/integrations/billmanager/%E0%A4%A"],
      ["GET", "/api/vps"],
      ["POST", "/api/vps/sync/x"],
    ] as const)
      assert.equal(machineRoute(method, url), undefined, `${method} ${url}`);
  });
});
