// What each page's browser bundle can reach, read from the source's static imports the way
// the React Server Components bundler splits them: from a server module only the "use
// client" modules it imports go to the browser; from a client module, everything it
// imports statically (an `import()` is a chunk of its own, loaded on use; `import type`
// is erased). Issue 10: pages load only what they use.
//  - the signed-in shell (header with the notification bell) is on every page: no schema
//    library, no query library, no socket.io client, not the centre's list code;
//  - TanStack Query hooks need a provider, and the shell no longer has one: a page whose
//    client code uses the library renders components/query-provider.tsx itself.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";

const ROOT = path.resolve(import.meta.dirname, "../..");
const rel = (f: string) => path.relative(ROOT, f).split(path.sep).join("/");

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

const sources = new Map<string, { client: boolean; imports: string[] }>();
/** A module's static value imports: local files resolved, packages by name ("zod", "@tanstack/react-query"). */
function parse(file: string) {
  let s = sources.get(file);
  if (s) return s;
  const text = readFileSync(file, "utf8");
  const imports: string[] = [];
  // `import x from "…"`, `import { a, type B } from "…"`, `import "…"`, `export … from "…"`; not `import type`.
  for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\s)([^;]*?)\s*from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm)) {
    const spec = m[3] ?? m[4]!;
    // `import { type A, type B } from` brings nothing at run time either.
    if (m[2] && /^\{[^}]*\}$/.test(m[2].trim()) && m[2].replace(/[{}\s]/g, "").split(",").filter(Boolean).every((n) => n.startsWith("type"))) continue;
    if (spec.startsWith(".") || spec.startsWith("@/")) {
      const f = resolveLocal(file, spec);
      if (f && /\.(ts|tsx)$/.test(f)) imports.push(f);
    } else imports.push(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!);
  }
  s = { client: /^\s*["']use client["']/.test(text), imports };
  sources.set(file, s);
  return s;
}

/** Everything the browser gets for an entry (a server or client module): files and package names. */
function clientReach(entry: string): Set<string> {
  const seenServer = new Set<string>();
  const reach = new Set<string>();
  const walkClient = (f: string) => {
    if (reach.has(f)) return;
    reach.add(f);
    if (!f.startsWith(ROOT)) return;
    for (const i of parse(f).imports) walkClient(i);
  };
  const walkServer = (f: string) => {
    if (seenServer.has(f)) return;
    seenServer.add(f);
    for (const i of parse(f).imports) {
      if (!i.startsWith(ROOT)) continue;
      if (parse(i).client) walkClient(i);
      else walkServer(i);
    }
  };
  if (parse(entry).client) walkClient(entry);
  else walkServer(entry);
  return reach;
}

function pages(dir = path.join(ROOT, "app")): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) return n === "api" ? [] : pages(p);
    return n === "page.tsx" ? [p] : [];
  });
}

const SHELL = path.join(ROOT, "components/shell/app-shell.tsx");
const QUERY_PROVIDER = path.join(ROOT, "components/query-provider.tsx");

describe("client bundles", () => {
  it("the layouts and the signed-in shell (on every page) bring no schema, query or socket library and not the centre's list", () => {
    const layouts = ["app/layout.tsx", "app/(client)/layout.tsx", "app/(admin)/layout.tsx", "app/(account)/layout.tsx"].map((f) => path.join(ROOT, f));
    const reach = new Set([SHELL, ...layouts].flatMap((f) => [...clientReach(f)]));
    assert.ok(reach.has(path.join(ROOT, "components/notifications/notification-bell.tsx")), "the walk finds the bell");
    for (const heavy of ["zod", "@tanstack/react-query", "socket.io-client", QUERY_PROVIDER, path.join(ROOT, "components/notifications/notification-centre.tsx")])
      assert.ok(!reach.has(heavy), `the shell's browser code reaches ${heavy.startsWith(ROOT) ? rel(heavy) : heavy}: ${[...reach].filter((f) => f.startsWith(ROOT)).map(rel).join(", ")}`);
  });

  it("the notification centre reached from the bell is an import() of its own", () => {
    const bell = readFileSync(path.join(ROOT, "components/notifications/notification-bell.tsx"), "utf8");
    assert.match(bell, /import\(["']\.\/notification-centre["']\)/);
  });

  it("every page whose browser code uses TanStack Query renders the query provider itself", () => {
    const found = pages();
    assert.ok(found.length > 15, `found the pages (${found.length})`);
    const missing: string[] = [];
    let using = 0;
    for (const page of found) {
      // Query hooks anywhere in the page's browser code, the provider excepted.
      const users = [...clientReach(page)].filter((f) => f !== QUERY_PROVIDER && f.startsWith(ROOT) && parse(f).imports.includes("@tanstack/react-query"));
      if (users.length === 0) continue;
      using++;
      if (!parse(page).imports.includes(QUERY_PROVIDER)) missing.push(`${rel(page)} (${users.map(rel).join(", ")})`);
    }
    assert.ok(using >= 5, `pages with queries found (${using})`);
    assert.deepEqual(missing, [], "pages using TanStack Query without rendering QueryProvider");
  });

  it("the dashboard loads neither the query library nor zod; the VPS and SSH keys pages no zod", () => {
    const dashboard = clientReach(path.join(ROOT, "app/(client)/dashboard/page.tsx"));
    assert.ok(!dashboard.has("@tanstack/react-query"));
    assert.ok(!dashboard.has("zod"));
    // Their charts, alert rules, notification texts and key limits read zod-free lib/<domain>/types.ts.
    for (const page of ["app/(client)/vps/[id]/page.tsx", "app/(client)/ssh-keys/page.tsx"]) assert.ok(!clientReach(path.join(ROOT, page)).has("zod"), page);
  });
});
