// The one wrapper every route handler goes through: authenticate, parse (zod), run, map
// errors. Unknown errors become a generic 500 logged with a request id, never echoed.
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { NextResponse } from "next/server";
import { z } from "zod";
import { authOptions } from "../auth/options";
import { AppError } from "../errors";
import { log } from "../log";
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
  /** Body encoding: JSON (default) or an HTML-form/curl `--data-urlencode` body, whose
   *  repeated keys become arrays. */
  bodyType?: "json" | "form";
  /** Answers errors in a caller's own format (BILLmanager lines, Bitrix JSON); the status
   *  and message are the ones the JSON answer would carry. */
  renderError?: (e: { status: number; message: string; requestId: string }) => Response;
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

async function readForm(req: Request, maxBody: number): Promise<Record<string, string | string[]>> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/x-www-form-urlencoded\b/i.test(type))
    throw new AppError(415, "Content-Type must be application/x-www-form-urlencoded");
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBody) throw new AppError(413, `Request body too large (limit ${maxBody} bytes)`);
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function sessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  return session?.user ? { userId: session.user.id, role: session.user.role } : null;
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
        actor = await sessionActor();
        if (!actor) throw new AppError(401, "Authentication required");
        if (opts.auth === "admin" && actor.role !== "admin") throw new AppError(403, "Administrator access required");
      }
      let body: unknown;
      if (opts.body) {
        const max = opts.maxBody ?? 64 * 1024;
        const parsed = opts.body.safeParse(opts.bodyType === "form" ? await readForm(req, max) : await readJson(req, max));
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
      const res = errorResponse(err, requestId);
      if (!opts.renderError) return res;
      const { message } = (await res.json()) as { message: string };
      return opts.renderError({ status: res.status, message, requestId });
    }
  };
}
