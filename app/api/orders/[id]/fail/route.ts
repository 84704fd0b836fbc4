// POST /api/orders/:id/fail — the main site (X-API-Key) fails an order: {reason}. server.ts
// serves the same definition directly (lib/machine-api); this file keeps it reachable through Next too.
export { orderFailPost as POST } from "@/lib/machine-api/orders-fail";
