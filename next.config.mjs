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
  // Lets several panel instances (tests, parallel checkouts) build or run side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
};
export default nextConfig;
