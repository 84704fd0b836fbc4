// The panel's HTTP surface through Playwright's request context (the sync API and tokens
// add their specs here).
import { expect, test } from "@playwright/test";

test("GET /api/health answers ok", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test("GET /api/vps needs a session, then lists only the user's own VPS", async ({ request }) => {
  const anonymous = await request.get("/api/vps");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).message).toBe("Authentication required");

  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const signIn = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, login: "jane", password: "client2-demo-pass", json: "true" },
  });
  expect(signIn.ok()).toBe(true);
  const res = await request.get("/api/vps");
  expect(res.status()).toBe(200);
  const { vps } = await res.json();
  expect(vps.map((v: { name: string }) => v.name)).toEqual(["jane-blog"]);
  expect(vps[0]).not.toHaveProperty("root_password");
});
