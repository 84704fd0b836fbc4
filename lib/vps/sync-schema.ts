// Moved to lib/vps/schemas.ts (the VPS domain's schemas); kept for existing importers.
export * from "./schemas";
