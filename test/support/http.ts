// HTTP helpers for tests: a cookie-keeping client that signs in through next-auth exactly
// as the browser's login form does.
let clients = 0;

export class SessionClient {
  private cookies = new Map<string, string>();
  /** Each client comes from its own address (seen only by a panel started with TRUST_PROXY=1),
   *  so per-address login throttling in one test does not lock out the next one's clients. */
  readonly address = `198.18.${Math.floor(++clients / 250) % 250}.${(clients % 250) + 1}`;
  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(this.extraHeaders)) headers.set(k, v);
    if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", this.address);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    const res = await fetch(new URL(path, this.baseUrl), { ...init, headers, redirect: "manual" });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }

  get cookieList() {
    return [...this.cookies].map(([name, value]) => ({ name, value }));
  }

  /** Signs in with the Credentials provider; returns true on success. */
  async signIn(login: string, password: string): Promise<boolean> {
    const csrf = (await (await this.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, login, password, json: "true" }),
    });
    await res.text();
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}

/** The seeded admin and the two demo clients, signed in (HTTP tests against startPanel()). */
export async function signInDemoUsers(url: string, admin: { email: string; password: string }) {
  const sessions = { admin: new SessionClient(url), client: new SessionClient(url), jane: new SessionClient(url) };
  if (!(await sessions.admin.signIn(admin.email, admin.password))) throw new Error("the test admin could not sign in");
  if (!(await sessions.client.signIn("client@ospab.local", "client-demo-pass"))) throw new Error("the demo client could not sign in");
  if (!(await sessions.jane.signIn("jane", "client2-demo-pass"))) throw new Error("the second demo client could not sign in");
  const { plans } = (await (await sessions.client.fetch("/api/plans")).json()) as { plans: { id: number; code: string }[] };
  const pro = plans.find((p) => p.code === "vps-pro");
  if (!pro) throw new Error("the seeded plan vps-pro is missing");
  return { ...sessions, proId: pro.id };
}
