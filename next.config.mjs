/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native-free database drivers and the Prisma runtime stay outside the route bundles,
  // so route handlers share server.ts's database instance (see lib/db.ts).
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "bcryptjs",
  ],
  poweredByHeader: false,
  // `npm run dev` opened as http://127.0.0.1:5050 (not localhost): Next refuses its dev
  // resources (the HMR socket) to other hosts, and the page then never hydrates — its forms
  // submitted as plain HTML. Dev only; production ignores it.
  allowedDevOrigins: ["127.0.0.1", "[::1]"],
  // Lets several panel instances (tests, parallel checkouts) build or run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  experimental: {
    // A route's server code loads with its first request, not every page's and API route's at
    // start: an idle panel holds only what it has served (bench/memory.ts: about 30–40 MB
    // less RSS idle; issue 10). The first request to each route after a restart pays for
    // loading it (tens of ms).
    preloadEntriesOnStart: false,
  },
};
export default nextConfig;
