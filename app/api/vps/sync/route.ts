// POST /api/vps/sync — the main site pushes a VPS change. server.ts serves the same
// handler directly (lib/machine-api); this file keeps it reachable through Next too.
export { vpsSyncPost as POST } from "@/lib/machine-api/vps-sync";
