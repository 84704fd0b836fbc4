// Who is acting: a signed-in user (session or API token) with a role.
export interface Actor {
  userId: number;
  role: "client" | "admin";
  /** Set when the request authenticated with a personal API token (not a session). */
  tokenId?: number;
  scopes?: readonly string[];
}
