// /api/auth/* — next-auth (Credentials sign-in, sign-out, session, CSRF). Each request runs
// in a request-id scope (the sign-in's audit row carries it) and answers it in x-request-id.
import { randomUUID } from "node:crypto";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { withRequestId } from "@/lib/audit/request-scope";
import { authOptions } from "@/lib/auth/options";
import { getEnv } from "@/lib/env";
import { forbidden } from "@/lib/errors";
import { errorResponse } from "@/lib/http/handler";
import { readBodyLimited } from "@/lib/http/body-limit";
import { checkOrigin, fetchOriginHeaders, originPolicy } from "@/lib/http/origin";

type Handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** A sign-in form (csrf token, login, password, code, callback URL) is far below this. */
const MAX_AUTH_BODY = 16 * 1024;

const handler: Handler = async (req, ctx) => {
  const requestId = randomUUID();
  const res = await withRequestId(requestId, () => NextAuth(authOptions())(req, ctx));
  try {
    res.headers.set("x-request-id", requestId);
  } catch {
    /* an immutable (redirect) response: the id is still in the audit row and the logs */
  }
  return res;
};

/** Sign-in and sign-out POSTs from another site are refused before next-auth sees them (on
 *  top of its CSRF token); the body reaches next-auth, which would read it whole, only once
 *  it is known to be small. */
const post: Handler = async (req, ctx) => {
  const verdict = checkOrigin(fetchOriginHeaders(req.headers), originPolicy(getEnv().NODE_ENV));
  if (!verdict.ok) return errorResponse(forbidden(verdict.message), randomUUID());
  let body: Buffer;
  try {
    body = await readBodyLimited(req, MAX_AUTH_BODY);
  } catch (err) {
    return errorResponse(err, randomUUID());
  }
  return handler(new NextRequest(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(body) }), ctx);
};
export { handler as GET, post as POST };
