// POST /api/vps/metrics — the main site pushes resource samples. server.ts serves the same
// definition directly (lib/machine-api); this file keeps it reachable through Next too.
export { vpsMetricsPost as POST } from "@/lib/machine-api/vps-metrics";
