// POST /api/users/sync — find-or-create a client by email. server.ts serves the same
// definition directly (lib/machine-api); this file keeps it reachable through Next too.
export { usersSyncPost as POST } from "@/lib/machine-api/users-sync";
