// /api/auth/* — next-auth (Credentials sign-in, sign-out, session, CSRF).
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { errorResponse } from "@/lib/http/handler";
import { readBodyLimited } from "@/lib/http/body-limit";

type Handler = (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** A sign-in form (csrf token, login, password, code, callback URL) is far below this. */
const MAX_AUTH_BODY = 16 * 1024;

const handler: Handler = async (req, ctx) => {
  if (req.method === "POST") {
    // next-auth would read the body whole: it gets it only once it is known to be small.
    let body: Buffer;
    try {
      body = await readBodyLimited(req, MAX_AUTH_BODY);
    } catch (err) {
      return errorResponse(err, crypto.randomUUID());
    }
    req = new NextRequest(req.url, { method: req.method, headers: req.headers, body: new Uint8Array(body) });
  }
  return NextAuth(authOptions())(req, ctx);
};
export { handler as GET, handler as POST };
