// The one wrapper every route handler goes through: authenticate, parse (zod), claim an
// Idempotency-Key, run, map errors. Unknown errors become a generic 500 logged with a
// request id, never echoed.
//
// Plain Response (not NextResponse): the same handlers also run outside Next, from
// server.ts (lib/machine-api).
//
// Auth modes: "none"; "user"/"admin" — a next-auth session, or, where the route names a
// `tokenScope`, `Authorization: Bearer osp_…` holding that scope; "machine" — the main
// site's X-API-Key (VPS_SYNC_API_KEY, or the previous key during rotation).
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { auditContextOf, type AuditContext } from "../audit/context";
import { isValidSyncKey } from "../auth/machine-key";
import { authOptions } from "../auth/options";
import { SET_UP_2FA_FIRST } from "../auth/two-factor-policy";
import { getDatabase } from "../db";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import { declaresTooLarge, readBodyLimited, tooLarge } from "./body-limit";
import { authenticateToken } from "../tokens/authenticate-token";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import type { TokenScope } from "../tokens/scopes";
import type { Actor } from "../users/actor";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  parseIdempotencyKey,
  releaseIdempotencyKey,
  requestHash,
} from "./idempotency";
import { checkOrigin, fetchOriginHeaders, originPolicy } from "./origin";

export type Auth = "none" | "user" | "admin" | "machine";

interface Ctx<B, Q> {
  req: Request;
  /** The signed-in user (session or token); null for "none" and "machine". */
  actor: Actor | null;
  /** True when the main site's X-API-Key authenticated the request. */
  machine: boolean;
  body: B;
  query: Q;
  params: Record<string, string>;
  requestId: string;
  /** The caller's address as server.ts stamped it (lib/http/client-address.ts). */
  clientAddress: string | null;
  /** Who is acting and from where, for the audit row a service writes with its change. */
  audit: AuditContext;
  /** The request's Idempotency-Key, if any (already claimed by the wrapper). */
  idempotencyKey?: string;
}

interface Options<B extends z.ZodType, Q extends z.ZodType> {
  auth: Auth;
  /** With auth "user"/"admin": also accept a bearer API token that holds this scope (or,
   *  given a list, any one of them). */
  tokenScope?: TokenScope | readonly TokenScope[];
  /** Open to an admin who must still turn on 2FA (ADMIN_REQUIRE_2FA=1): /api/account/* only. */
  allow2faSetup?: boolean;
  /** Honour Idempotency-Key (every write should). */
  idempotent?: boolean;
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

/** A JSON reply with a status other than 200 and/or extra headers. */
export class JsonReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
export const reply = (status: number, body: unknown, headers?: Record<string, string>) =>
  new JsonReply(status, body, headers);

export function errorResponse(err: unknown, requestId: string): Response {
  if (err instanceof AppError) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    if (err.status === 401) headers["www-authenticate"] = 'Bearer realm="ospab-panel"';
    // The rest of an oversized body is not read: the connection cannot carry another request.
    if (err.status === 413) headers.connection = "close";
    return Response.json({ status: "error", message: err.message, ...(err.details ?? {}) }, { status: err.status, headers });
  }
  log.error("unhandled error", { requestId, error: (err as Error)?.stack ?? String(err) });
  return Response.json(
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
  const text = (await readBodyLimited(req, maxBody)).toString("utf8");
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
  const text = (await readBodyLimited(req, maxBody)).toString("utf8");
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function sessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const u = session?.user;
  return u ? { userId: u.id, role: u.role, ...(u.mustSetUp2fa ? { mustSetUp2fa: true } : {}) } : null;
}

function bearer(req: Request): string | null {
  const h = req.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AppError(401, "Authorization header must be `Bearer <token>`");
  return m[1];
}

async function authenticate(req: Request, auth: Auth, tokenScope?: TokenScope | readonly TokenScope[], allow2faSetup = false): Promise<Actor | null> {
  if (auth === "none" || auth === "machine") return null;
  const secret = bearer(req);
  let actor: Actor | null;
  if (secret !== null) {
    if (!tokenScope) throw new AppError(401, "This endpoint accepts a signed-in session only, not an API token");
    const token = await authenticateToken((await getDatabase()).prisma, secret);
    if (!token) throw new AppError(401, "Invalid, expired or revoked API token");
    const anyOf: readonly TokenScope[] = typeof tokenScope === "string" ? [tokenScope] : tokenScope;
    if (!anyOf.some((sc) => token.scopes.includes(sc))) throw new AppError(403, `API token lacks the ${anyOf.join(" or ")} scope`);
    // ADMIN_REQUIRE_2FA: an admin's tokens work only once the admin has turned 2FA on.
    if (token.mustSetUp2fa) throw new AppError(403, SET_UP_2FA_FIRST);
    actor = token;
  } else {
    actor = await sessionActor();
    if (!actor) throw new AppError(401, "Authentication required");
    if (actor.mustSetUp2fa && !allow2faSetup) throw new AppError(403, SET_UP_2FA_FIRST);
  }
  if (auth === "admin" && actor.role !== "admin") throw new AppError(403, "Administrator access required");
  return actor;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A write the browser's cookies could authenticate (no token, no API key) must come from
 *  the panel's own pages: a foreign Origin is refused (lib/http/origin.ts). */
function assertSameOriginWrite(req: Request, auth: Auth) {
  if (auth === "machine" || SAFE_METHODS.has(req.method) || req.headers.has("authorization") || !req.headers.has("cookie")) return;
  const verdict = checkOrigin(fetchOriginHeaders(req.headers), originPolicy(getEnv().NODE_ENV));
  if (!verdict.ok) throw new AppError(403, verdict.message);
}

function toResponse(result: unknown, requestId: string): Response {
  if (result instanceof Response) {
    // Every answer names its request (audit rows carry the same id); a redirect's headers are immutable.
    try {
      if (!result.headers.has("x-request-id")) result.headers.set("x-request-id", requestId);
    } catch {
      /* immutable headers */
    }
    return result;
  }
  const r = result instanceof JsonReply ? result : new JsonReply(200, result);
  return new Response(JSON.stringify(r.body ?? null), {
    status: r.status,
    headers: { "content-type": "application/json", "x-request-id": requestId, ...r.headers },
  });
}

export function route<B extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  opts: Options<B, Q>,
  fn: (ctx: Ctx<z.infer<B>, z.infer<Q>>) => Promise<unknown>,
) {
  return async (req: Request, context: { params: Promise<Record<string, string>> }) => {
    const requestId = randomUUID();
    let claimId: number | undefined;
    try {
      const maxBody = opts.maxBody ?? 64 * 1024;
      // Before authentication: an oversized body is refused whoever sends it.
      if (declaresTooLarge(req, maxBody)) throw tooLarge(maxBody);
      const machine = opts.auth === "machine";
      if (machine && !isValidSyncKey(req.headers.get("x-api-key"))) throw new AppError(401, "Invalid or missing API key");
      assertSameOriginWrite(req, opts.auth);
      const actor = await authenticate(req, opts.auth, opts.tokenScope, opts.allow2faSetup);

      const idempotencyKey = opts.idempotent ? parseIdempotencyKey(req) : undefined;
      let raw: unknown;
      let body: unknown;
      if (opts.body) {
        raw = opts.bodyType === "form" ? await readForm(req, maxBody) : await readJson(req, maxBody);
        const parsed = opts.body.safeParse(raw);
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

      if (idempotencyKey !== undefined) {
        const db = await getDatabase();
        const scope = machine ? "machine" : actor ? `user:${actor.userId}` : "anonymous";
        const url = new URL(req.url);
        const claim = await claimIdempotencyKey(db, scope, idempotencyKey, requestHash(req.method, url.pathname, raw ?? null));
        if (claim.kind === "replay")
          return new Response(claim.reply.body, {
            status: claim.reply.status,
            headers: { "content-type": "application/json", "x-request-id": requestId, "idempotent-replayed": "true" },
          });
        claimId = claim.id;
      }

      const clientAddress = req.headers.get(CLIENT_ADDRESS_HEADER);
      const audit = auditContextOf({ actor, machine, clientAddress, requestId });
      const result = await fn({ req, actor, machine, body: body as never, query: query as never, params, requestId, clientAddress, audit, idempotencyKey });
      const res = toResponse(result, requestId);
      if (claimId !== undefined) {
        const id = claimId;
        claimId = undefined;
        // The change is committed: a failure to store the reply must not turn it into an error.
        try {
          const db = await getDatabase();
          if (res.status >= 200 && res.status < 300)
            await completeIdempotencyKey(db, id, { status: res.status, body: await res.clone().text() });
          else await releaseIdempotencyKey(db, id);
        } catch (e) {
          log.warn("idempotency: storing the reply failed", { requestId, error: (e as Error).message });
        }
      }
      return res;
    } catch (err) {
      if (claimId !== undefined) {
        const id = claimId;
        await getDatabase()
          .then((db) => releaseIdempotencyKey(db, id))
          .catch((e) => log.warn("idempotency: release failed", { requestId, error: (e as Error).message }));
      }
      const res = errorResponse(err, requestId);
      if (!opts.renderError) return res;
      const { message } = (await res.json()) as { message: string };
      return opts.renderError({ status: res.status, message, requestId });
    }
  };
}
