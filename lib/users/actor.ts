// Who is acting: a signed-in user (session or API token) with a role.
export interface Actor {
  userId: number;
  role: "client" | "admin";
  /** Set when the request authenticated with a personal API token (not a session). */
  tokenId?: number;
  scopes?: readonly string[];
}

/** The actor of a signed-in session user (pages get one from requireUser/requireAdmin). */
export function actorOf(user: { id: number; role: "client" | "admin" }): Actor {
  return { userId: user.id, role: user.role };
}
