// Who is acting: a signed-in user (session or API token) with a role.
export interface Actor {
  userId: number;
  role: "client" | "admin";
}
