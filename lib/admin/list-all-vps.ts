// The admin VPS list lives with the owner's in lib/vps/list-vps.ts (one query per
// audience, access rules in lib/vps/access.ts); this path stays for its importers.
export { listAllVps, type AdminVpsRow } from "../vps/list-vps";
