// Issues a personal API token the way a user does in the UI (POST /api/tokens, signed in).
import { SessionClient } from "./http";

export async function issueToken(baseUrl: string, login: string, password: string, scopes: string[], name = "test"): Promise<string> {
  const c = new SessionClient(baseUrl);
  if (!(await c.signIn(login, password))) throw new Error(`cannot sign in as ${login}`);
  const res = await c.fetch("/api/tokens", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name, scopes }) });
  const body = (await res.json()) as { token?: { token: string }; message?: string };
  if (res.status !== 201 || !body.token) throw new Error(`POST /api/tokens: ${res.status} ${body.message}`);
  return body.token.token;
}
