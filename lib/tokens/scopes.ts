// Scopes a personal API token may carry. Browser-safe (the tokens page lists them).
export const TOKEN_SCOPES = ["vps:read", "vps:write", "orders:write", "events:read", "webhooks:admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** The scope the /ws event feed needs (lib/realtime/ws-access.ts). */
export const EVENTS_SCOPE: TokenScope = "events:read";

/** Scopes only administrators may put on a token. */
export const ADMIN_ONLY_SCOPES: readonly TokenScope[] = ["webhooks:admin"];

export function scopesFor(role: "client" | "admin"): TokenScope[] {
  return TOKEN_SCOPES.filter((s) => role === "admin" || !ADMIN_ONLY_SCOPES.includes(s));
}

/** The visible start of every token: lets secret scanners and people recognise one. */
export const TOKEN_PREFIX = "osp_";

export interface ApiTokenView {
  id: number;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}
