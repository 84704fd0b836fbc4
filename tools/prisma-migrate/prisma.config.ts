// Config for prisma@6.19.3 used only to produce migration SQL offline: its "js" engine
// runs the schema engine as wasm on an in-memory PGlite, so nothing is downloaded.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "../../prisma/schema.prisma",
  adapter: async () => new PrismaPGlite(new PGlite()),
});
