// Bundles server.ts (and the lib/ code it imports, including the generated Prisma client,
// which is TypeScript) into dist/server.mjs for `npm start`. npm packages stay external.
// Code split: what server.ts reaches only through `await import()` (the notification
// email templates with every message catalogue and use-intl, for one) is a chunk of its
// own under dist/chunks/, loaded when first used rather than held by every idle panel
// (test/unit/server-bundle.test.ts checks what the entry loads at start).
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** esbuild's options for the server bundle written to `outdir`. */
export const serverBuildOptions = (outdir = "dist") => ({
  entryPoints: ["server.ts"],
  outdir,
  outExtension: { ".js": ".mjs" },
  entryNames: "[name]",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync("dist", { recursive: true, force: true });
  await build(serverBuildOptions());
  console.log("built dist/server.mjs");
}
