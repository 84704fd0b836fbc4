// Who is acting: a signed-in user (session or API token) with a role.
export interface Actor {
  userId: number;
  role: "client" | "admin";
  /** Set when the request authenticated with a personal API token (not a session). */
  tokenId?: number;
  scopes?: readonly string[];
  /** A session of an admin who must turn on 2FA first (ADMIN_REQUIRE_2FA=1). */
  mustSetUp2fa?: boolean;
}

/** The actor of a signed-in session user (pages get one from requireUser/requireAdmin). */
export function actorOf(user: { id: number; role: "client" | "admin" }): Actor {
  return { userId: user.id, role: user.role };
}
