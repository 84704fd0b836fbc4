// /api/auth/* — next-auth (Credentials sign-in, sign-out, session, CSRF). Each request runs
// in a request-id scope (the sign-in's audit row carries it) and answers it in x-request-id.
import { randomUUID } from "node:crypto";
import NextAuth from "next-auth";
import { withRequestId } from "@/lib/audit/request-scope";
import { authOptions } from "@/lib/auth/options";

type Handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

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
export { handler as GET, handler as POST };
