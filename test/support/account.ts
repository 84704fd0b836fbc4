// Helpers for the account tests: signing in with a second factor, TOTP codes computed the
// way an authenticator app does (same library as the panel), and users of one's own.
import { Secret, TOTP } from "otpauth";
import { SessionClient } from "./http";
import { post } from "./sync";

/** The code an authenticator app shows `stepsAhead` 30 s steps from now. */
export function totpCode(secret: string, stepsAhead = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

/** A fresh client account created through the main site's API; returns its login and password. */
export async function createUser(baseUrl: string, label: string) {
  const email = `${label}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const password = `pw-${label}-0123456789`;
  const res = await post(baseUrl, "/api/users/sync", { email, password, name: label });
  if (res.status !== 200 && res.status !== 201) throw new Error(`users/sync: ${res.status} ${res.text}`);
  return { email, password, id: res.json.user.id as number };
}

/**
 * Signs in like the login form does, with an optional second factor. `error` is next-auth's
 * error for a refused sign-in (`CredentialsSignin`, `2fa_required`, `2fa_invalid`, …).
 */
export async function signIn(client: SessionClient, login: string, password: string, code?: string) {
  const csrf = (await (await client.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken: csrf.csrfToken, login, password, json: "true" });
  if (code !== undefined) form.set("code", code);
  const res = await client.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form,
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  const ok = client.cookieList.some((c) => c.name.endsWith("next-auth.session-token") && c.value !== "");
  return { ok: ok && !error, error };
}

export function cookieHeader(client: SessionClient) {
  return client.cookieList.map((c) => `${c.name}=${c.value}`).join("; ");
}

export async function json(client: SessionClient, path: string, method = "GET", body?: unknown) {
  const res = await client.fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, headers: res.headers, json: data as any };
}
