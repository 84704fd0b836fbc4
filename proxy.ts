// Next's proxy (formerly middleware), run before every page: a fresh CSP nonce per request.
// The policy goes on the request too, where Next reads the nonce and applies it to its own
// scripts; pages are dynamic (app/layout.tsx), so every render gets its own nonce.
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "./lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: (process.env.NEXTAUTH_URL ?? "").startsWith("https:"),
    host: request.headers.get("host"),
  });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not the API, static files, socket.io or /ws.
      source: "/((?!api/|_next/static/|_next/image|favicon.ico|socket.io/|ws$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
