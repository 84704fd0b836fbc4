// /api/auth/* — next-auth (Credentials sign-in, sign-out, session, CSRF).
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { getEnv } from "@/lib/env";
import { checkOrigin, fetchOriginHeaders, originPolicy } from "@/lib/http/origin";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const handler: Handler = (req, ctx) => NextAuth(authOptions())(req, ctx);

/** Sign-in and sign-out POSTs from another site are refused before next-auth sees them
 *  (on top of its CSRF token). */
const post: Handler = (req, ctx) => {
  const verdict = checkOrigin(fetchOriginHeaders(req.headers), originPolicy(getEnv().NODE_ENV));
  if (!verdict.ok) return Promise.resolve(Response.json({ status: "error", message: verdict.message }, { status: 403 }));
  return handler(req, ctx);
};
export { handler as GET, post as POST };
