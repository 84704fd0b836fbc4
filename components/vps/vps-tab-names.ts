// The VPS page's sections (?tab=…): shared by the page (server) and the tabs (client).
export const VPS_TABS = ["overview", "access", "network", "snapshots", "activity"] as const;
export type VpsTab = (typeof VPS_TABS)[number];

export const isVpsTab = (v: unknown): v is VpsTab => typeof v === "string" && (VPS_TABS as readonly string[]).includes(v);
