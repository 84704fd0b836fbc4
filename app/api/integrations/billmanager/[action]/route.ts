// POST /api/integrations/billmanager/:action — BILLmanager ShellScripts. server.ts serves the
// same definition directly (lib/machine-api); this file keeps it reachable through Next too.
export { billmanagerPost as POST } from "@/lib/machine-api/billmanager";
