// POST /api/vps/sync — the main site pushes VPS changes; GET — it reads them back.
// server.ts serves the same definitions directly (lib/machine-api); this file keeps them
// reachable through Next too.
export { vpsSyncGet as GET, vpsSyncPost as POST } from "@/lib/machine-api/vps-sync";
