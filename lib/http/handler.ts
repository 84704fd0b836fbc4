// The one wrapper every route handler goes through: authenticate, parse (zod), run, map
// errors. Unknown errors become a generic 500 logged with a request id, never echoed.
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { NextResponse } from "next/server";
import { z } from "zod";
import { authOptions } from "../auth/options";
import { AppError } from "../errors";
import { getDb } from "../db";
import { log } from "../log";
import { verifyApiToken } from "../tokens/verify-token";
import type { Actor } from "../users/actor";

export type Auth = "none" | "user" | "admin";

interface Ctx<B, Q> {
  req: Request;
  actor: Actor | null;
  body: B;
  query: Q;
  params: Record<string, string>;
  requestId: string;
}

interface Options<B extends z.ZodType, Q extends z.ZodType> {
  auth: Auth;
  body?: B;
  query?: Q;
  /** Largest accepted body in bytes. */
  maxBody?: number;
  /**
   * Also accept `Authorization: Bearer <API token>` carrying this scope (or "*"); the
   * token's owner must still pass `auth` (an admin's token for admin routes).
   */
  tokenScope?: string;
}

export function errorResponse(err: unknown, requestId: string): NextResponse {
  if (err instanceof AppError) {
    return NextResponse.json(
      { status: "error", message: err.message, ...(err.details ?? {}) },
      { status: err.status, headers: { "x-request-id": requestId } },
    );
  }
  log.error("unhandled error", { requestId, error: (err as Error)?.stack ?? String(err) });
  return NextResponse.json(
    { status: "error", message: "Internal server error", request_id: requestId },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

export function zodMessage(error: z.ZodError): { message: string; details: Record<string, unknown> } {
  const fields = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
  return {
    message: `Invalid request: ${fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join("; ")}`,
    details: { errors: fields },
  };
}

async function readJson(req: Request, maxBody: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw new AppError(415, "Content-Type must be application/json");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBody) throw new AppError(413, `Request body too large (limit ${maxBody} bytes)`);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBody) throw new AppError(413, `Request body too large (limit ${maxBody} bytes)`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "Request body is not valid JSON");
  }
}

export async function sessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  return session?.user ? { userId: session.user.id, role: session.user.role } : null;
}

/** The actor behind a Bearer API token with the given scope, null without such a header. */
async function tokenActor(req: Request, scope: string): Promise<Actor | null> {
  const header = req.headers.get("authorization");
  if (!header) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw new AppError(401, "Invalid Authorization header (expected: Bearer <token>)");
  const token = await verifyApiToken(await getDb(), m[1]);
  if (!token) throw new AppError(401, "Invalid or expired API token");
  if (!token.scopes.includes(scope) && !token.scopes.includes("*"))
    throw new AppError(403, `API token lacks the "${scope}" scope`);
  return { userId: token.userId, role: token.role };
}

export function route<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  opts: Options<B, Q>,
  fn: (ctx: Ctx<z.infer<B>, z.infer<Q>>) => Promise<unknown>,
) {
  return async (req: Request, context: { params: Promise<Record<string, string>> }) => {
    const requestId = randomUUID();
    try {
      let actor: Actor | null = null;
      if (opts.auth !== "none") {
        actor = (opts.tokenScope ? await tokenActor(req, opts.tokenScope) : null) ?? (await sessionActor());
        if (!actor) throw new AppError(401, "Authentication required");
        if (opts.auth === "admin" && actor.role !== "admin") throw new AppError(403, "Administrator access required");
      }
      let body: unknown;
      if (opts.body) {
        const parsed = opts.body.safeParse(await readJson(req, opts.maxBody ?? 64 * 1024));
        if (!parsed.success) {
          const { message, details } = zodMessage(parsed.error);
          throw new AppError(400, message, details);
        }
        body = parsed.data;
      }
      let query: unknown;
      if (opts.query) {
        const params = Object.fromEntries(new URL(req.url).searchParams);
        const parsed = opts.query.safeParse(params);
        if (!parsed.success) {
          const { message, details } = zodMessage(parsed.error);
          throw new AppError(400, message, details);
        }
        query = parsed.data;
      }
      const params = (await context?.params) ?? {};
      const result = await fn({ req, actor, body: body as never, query: query as never, params, requestId });
      if (result instanceof Response) return result;
      return NextResponse.json(result, { headers: { "x-request-id": requestId } });
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}
