// POST /api/vps/actions/:request_id — the main site's report on an action request.
// server.ts serves the same definition directly (lib/machine-api); this file keeps it reachable through Next too.
export { vpsActionReportPost as POST } from "@/lib/machine-api/vps-actions";
