// The one wrapper every route handler goes through, one builder per kind of caller:
//   route.public  — anyone;                         the handler gets no actor
//   route.user    — a session, or where the route names a `tokenScope` a bearer API token
//                   (`Authorization: Bearer osp_…`) holding that scope; the handler gets the actor
//   route.admin   — the same, and the actor must be an admin
//   route.machine — the main site's X-API-Key (VPS_SYNC_API_KEY, or the previous key during
//                   rotation); server.ts serves these itself (lib/machine-api)
// Every machine call, and every call of a route marked `inboundLog` (the Bitrix plugin's
// token calls), accepted or refused, leaves one inbound log row (lib/inbound-log).
// Each authenticates, parses body, query and path params with the route's zod schemas,
// runs the handler (under the Idempotency-Key when the route honours one) with the db, and
// maps errors. Unknown errors become a generic 500 logged with a request id, never echoed.
// A handler returns data (a 200 JSON body) or a reply() (lib/http/reply.ts), nothing else.
//
// A definition is the Request → Response function Next calls (export it as GET/POST/…),
// carrying its kind, method and path, and `serve`: the same route answering a call read
// through `Incoming` as plain data (a RawReply). Next goes through the web Request; server.ts
// hands the machine API's calls straight from node:http (lib/http/node-adapter.ts), with
// no web Request, Headers or Response built on the way. One definition, one logic.
import { randomUUID } from "node:crypto";
import { getServerSession } from "next-auth";
import type { z } from "zod";
import { auditContextOf, type AuditContext } from "../audit/context";
import { isValidSyncKey } from "../auth/machine-key";
import { authOptions } from "../auth/options";
import { SET_UP_2FA_FIRST } from "../auth/two-factor-policy";
import { getDatabase, openedDatabase, type Db } from "../db";
import { getEnv } from "../env";
import { AppError, validationFailed, type ErrorCode } from "../errors";
import { factsOf, redact, secretsOf } from "../inbound-log/describe-call";
import { recordInboundCall } from "../inbound-log/record-inbound-call";
import { log } from "../log";
import { authenticateToken } from "../tokens/authenticate-token";
import type { TokenScope } from "../tokens/scopes";
import type { Actor } from "../users/actor";
import { declaresTooLarge, readBodyLimited, tooLarge } from "./body-limit";
import { CLIENT_ADDRESS_HEADER } from "./client-address";
import { parseIdempotencyKey, requestHash, runIdempotent } from "./idempotency";
import { checkOrigin, fetchOriginHeaders, originPolicy } from "./origin";
import { errorLocaleOf, LOCALE_HEADER, translateError, translateText } from "../i18n/api-errors";
import type { Locale } from "../i18n/config";
import { z as zod } from "zod";
import { rawToResponse, Reply, responseToRaw, type RawReply } from "./reply";

export { reply, Reply, type RawReply } from "./reply";

export type RouteKind = "public" | "user" | "admin" | "machine";
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ErrorToRender {
  status: number;
  code: ErrorCode;
  message: string;
  requestId: string;
}

interface Spec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined> {
  method: Method;
  /** The path as the caller writes it, `:name` for a segment: "/api/orders/:id/fail". */
  path: `/api/${string}`;
  body?: B;
  query?: Q;
  /** The path segments; a refusal is the resource's 404 (its first issue is the message). */
  params?: P;
  /** Honour Idempotency-Key (every write should). */
  idempotent?: boolean;
  /** Largest accepted body in bytes. */
  maxBody?: number;
  /** Body encoding: JSON (default) or an HTML-form/curl `--data-urlencode` body, whose
   *  repeated keys become arrays. */
  bodyType?: "json" | "form";
  /** Answers errors in a caller's own format (BILLmanager lines, Bitrix JSON); the status
   *  and message are the ones the JSON answer would carry. */
  renderError?: (e: ErrorToRender) => Reply;
  /** Keep the call in the inbound log although it is not route.machine (machine kinds always are). */
  inboundLog?: boolean;
}

interface SignedInSpec<B extends Schema | undefined, Q extends Schema | undefined, P extends Schema | undefined>
  extends Spec<B, Q, P> {
  /** Also accept a bearer API token that holds this scope (or, given a list, any one of them). */
  tokenScope?: TokenScope | readonly TokenScope[];
  /** Open to an admin who must still turn on 2FA (ADMIN_REQUIRE_2FA=1): /api/account/* only. */
  allow2faSetup?: boolean;
}

export interface Ctx<B, Q, P> {
  /** The web Request. A call server.ts received from node:http gets one built on first use
   *  (its body already read: it is `body`). */
  req: Request;
  db: Db;
  body: B;
  query: Q;
  params: P;
  requestId: string;
  /** The caller's address as server.ts stamped it (lib/http/client-address.ts). */
  clientAddress: string | null;
  /** Who is acting and from where, for the audit row a service writes with its change. */
  audit: AuditContext;
  /** The request's Idempotency-Key, if any (already claimed by the wrapper). */
  idempotencyKey?: string;
  /** What the handler learnt that the call itself did not name (the id of a VPS it created),
   *  for the inbound log row. */
  inbound: { vpsId?: number };
}
export type SignedInCtx<B, Q, P> = Ctx<B, Q, P> & { actor: Actor };

/** Handlers return data or a reply(); a Response is refused at compile time. */
type NotAResponse<R> = [Extract<R, Response>] extends [never] ? [] : ["a handler returns data or reply(), never a Response"];

export type WebHandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Request headers by lower-case name, as Headers.get answers (a web Request's headers are one). */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * A call as route() reads it, whichever server received it: a web Request (Next,
 * webIncoming) or node:http (server.ts, lib/http/node-adapter.ts).
 */
export interface Incoming {
  readonly method: string;
  /** The request target: an absolute URL, or path and query ("/api/vps/sync?limit=5"). */
  readonly url: string;
  readonly headers: HeaderSource;
  /** The body, counted against `limit` as it arrives (413 as soon as it is passed); a body
   *  read already comes back at once, without a promise. */
  readBody(limit: number): Buffer | Promise<Buffer>;
  /** The web Request for the handler's ctx.req (built on first use where there is none). */
  request(): Request;
}

/** The same route answering a call as plain data: no web Request or Response needed. */
export type ServeCall = (call: Incoming, params: Record<string, string>) => Promise<RawReply>;

export interface RouteDefinition extends WebHandler {
  readonly kind: RouteKind;
  readonly method: Method;
  readonly path: string;
  readonly serve: ServeCall;
}

/** A web Request as an Incoming call (what Next hands a route file). */
export function webIncoming(req: Request): Incoming {
  return { method: req.method, url: req.url, headers: req.headers, readBody: (limit) => readBodyLimited(req, limit), request: () => req };
}

/** Path and query of a call's target are read against this base when the target is relative. */
const BASE = "http://panel.invalid";

export const isRouteDefinition = (v: unknown): v is RouteDefinition =>
  typeof v === "function" && typeof (v as Partial<RouteDefinition>).kind === "string" && typeof (v as Partial<RouteDefinition>).path === "string";

interface ErrorReply {
  status: number;
  code: ErrorCode;
  message: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

function describeError(err: unknown, requestId: string): ErrorReply {
  if (err instanceof AppError) {
    const headers: Record<string, string> = { "x-request-id": requestId };
    if (err.status === 401) headers["www-authenticate"] = 'Bearer realm="ospab-panel"';
    // The rest of an oversized body is not read: the connection cannot carry another request.
    if (err.status === 413) headers.connection = "close";
    return {
      status: err.status,
      code: err.code,
      message: err.message,
      body: { status: "error", code: err.code, message: err.message, ...(err.details ?? {}) },
      headers,
    };
  }
  log.error("unhandled error", { requestId, error: (err as Error)?.stack ?? String(err) });
  const message = "Internal server error";
  return {
    status: 500,
    code: "internal",
    message,
    body: { status: "error", code: "internal", message, request_id: requestId },
    headers: { "x-request-id": requestId },
  };
}

/** The error's message, and its fields' messages, in the browser's locale. */
function localize(e: ErrorReply, locale: Locale) {
  e.message = translateError(e.code, e.message, locale);
  e.body.message = e.message;
  const errors = e.body.errors;
  if (Array.isArray(errors))
    e.body.errors = errors.map((f: { field: string; message: string }) => ({ ...f, message: translateText(f.message, locale) }));
}

/** The JSON answer for an error: `{status:"error", code, message, errors?, request_id?}`. */
export function errorResponse(err: unknown, requestId: string): Response {
  const e = describeError(err, requestId);
  return Response.json(e.body, { status: e.status, headers: e.headers });
}

/** The body's Content-Type must be the route's encoding (checked before the body is read). */
function assertBodyType(call: Incoming, form: boolean) {
  const type = call.headers.get("content-type") ?? "";
  if (form) {
    if (!/^application\/x-www-form-urlencoded\b/i.test(type))
      throw new AppError(415, "Content-Type must be application/x-www-form-urlencoded");
  } else if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError(415, "Content-Type must be application/json");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, "Request body is not valid JSON", undefined, "bad_request");
  }
}

function parseForm(text: string): Record<string, string | string[]> {
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

function bearer(call: Incoming): string | null {
  const h = call.headers.get("authorization");
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  if (!m) throw new AppError(401, "Authorization header must be `Bearer <token>`");
  return m[1] ?? null;
}

async function authenticate(call: Incoming, admin: boolean, spec: SignedInSpec<Schema | undefined, Schema | undefined, Schema | undefined>): Promise<Actor> {
  const { tokenScope, allow2faSetup = false } = spec;
  const secret = bearer(call);
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
  if (admin && actor.role !== "admin") throw new AppError(403, "Administrator access required");
  return actor;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A write the browser's cookies could authenticate (no token, no API key) must come from
 *  the panel's own pages: a foreign Origin is refused (lib/http/origin.ts). */
function assertSameOriginWrite(call: Incoming) {
  const h = call.headers;
  if (SAFE_METHODS.has(call.method) || h.get("authorization") !== null || h.get("cookie") === null) return;
  const verdict = checkOrigin(fetchOriginHeaders(h), originPolicy(getEnv().NODE_ENV));
  if (!verdict.ok) throw new AppError(403, verdict.message);
}

function toRaw(result: unknown, requestId: string): RawReply {
  if (result instanceof Reply) return result.toRaw(requestId);
  // The compile-time check (NotAResponse) keeps Responses out; this keeps them out of JS callers.
  if (result instanceof Response) throw new Error("a route handler returned a Response: return data or reply()");
  return new Reply(200, { kind: "json", value: result }).toRaw(requestId);
}

const RU_ZOD = zod.locales.ru().localeError;

function parseWith(schema: Schema | undefined, input: unknown, locale?: Locale): unknown {
  if (!schema) return undefined;
  const parsed = locale === "ru" ? schema.safeParse(input, { error: RU_ZOD }) : schema.safeParse(input);
  if (!parsed.success) throw validationFailed(parsed.error);
  return parsed.data;
}

/** Path segments: a refusal is "not found", told in the schema's first message. */
function parseParams(schema: Schema | undefined, input: Record<string, string>): unknown {
  if (!schema) return input;
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError(404, parsed.error.issues[0]?.message ?? "Not found");
  return parsed.data;
}

/** What the inbound log learns of a call while it is answered. */
interface Seen {
  body: unknown;
  query?: Record<string, string>;
  params: Record<string, string>;
  note: { vpsId?: number };
  error?: { code: ErrorCode; message: string };
}

// Next hands path params as a promise, server.ts as a plain object (no await, no microtask).
const isPromise = <T>(v: T | Promise<T>): v is Promise<T> => typeof (v as Promise<T> | undefined)?.then === "function";

type Who = { kind: "public" } | { kind: "machine" } | { kind: "user" | "admin"; actor: Actor };
type AnySpec = SignedInSpec<Schema | undefined, Schema | undefined, Schema | undefined>;

function define(kind: RouteKind, spec: AnySpec, fn: (ctx: SignedInCtx<unknown, unknown, unknown>) => Promise<unknown>): RouteDefinition {
  const logged = kind === "machine" || spec.inboundLog === true;
  const serve = async (call: Incoming, paramsIn: Record<string, string> | Promise<Record<string, string>> | undefined): Promise<RawReply> => {
    const requestId = randomUUID();
    if (!logged) return answer(call, paramsIn, requestId, { body: undefined, params: {}, note: {} });
    const started = performance.now();
    const seen: Seen = { body: undefined, params: (isPromise(paramsIn) ? await paramsIn : paramsIn) ?? {}, note: {} };
    const out = await answer(call, paramsIn, requestId, seen);
    // The secrets are looked for only when there is a message to cut them out of (an
    // accepted call has none; walking a 5,000-sample body cost ~10 ms a call).
    const message = seen.error?.message;
    void recordInboundCall({
      ...factsOf({ body: seen.body, params: seen.params, query: seen.query }),
      ...(seen.note.vpsId !== undefined ? { vpsId: seen.note.vpsId } : {}),
      endpoint: spec.path,
      method: spec.method,
      status: out.status,
      errorCode: seen.error?.code ?? null,
      message: message ? redact(message, secretsOf(seen.body, call.headers)) : null,
      durationMs: performance.now() - started,
      requestId,
      clientAddress: call.headers.get(CLIENT_ADDRESS_HEADER),
      idempotencyKey: call.headers.get("idempotency-key"),
    });
    return out;
  };
  const answer = async (
    call: Incoming,
    paramsIn: Record<string, string> | Promise<Record<string, string>> | undefined,
    requestId: string,
    seen: Seen,
  ): Promise<RawReply> => {
    // A page of the panel asks its errors in the reader's locale (lib/i18n/api-errors.ts);
    // machine, token and own-format callers keep the API's English texts.
    const locale = kind === "machine" || logged || spec.renderError || call.headers.get("authorization") !== null
      ? undefined
      : errorLocaleOf(call.headers.get(LOCALE_HEADER));
    try {
      const maxBody = spec.maxBody ?? 64 * 1024;
      // Before authentication: an oversized body is refused whoever sends it.
      if (declaresTooLarge(call.headers.get("content-length"), maxBody)) throw tooLarge(maxBody);
      let who: Who;
      if (kind === "machine") {
        if (!isValidSyncKey(call.headers.get("x-api-key"))) throw new AppError(401, "Invalid or missing API key");
        who = { kind };
      } else {
        assertSameOriginWrite(call);
        who = kind === "public" ? { kind } : { kind, actor: await authenticate(call, kind === "admin", spec) };
      }
      const actor = "actor" in who ? who.actor : null;

      const idempotencyKey = spec.idempotent ? parseIdempotencyKey(call.headers.get("idempotency-key")) : undefined;
      let raw: unknown;
      if (spec.body) {
        const form = spec.bodyType === "form";
        assertBodyType(call, form);
        const read = call.readBody(maxBody);
        const text = (Buffer.isBuffer(read) ? read : await read).toString("utf8");
        raw = form ? parseForm(text) : parseJson(text);
      }
      seen.body = raw;
      const rawQuery = spec.query ? Object.fromEntries(new URL(call.url, BASE).searchParams) : undefined;
      seen.query = rawQuery;
      const rawParams = (isPromise(paramsIn) ? await paramsIn : paramsIn) ?? {};
      seen.params = rawParams;
      const body = parseWith(spec.body, raw, locale);
      const query = parseWith(spec.query, rawQuery, locale);
      const params = parseParams(spec.params, rawParams);

      const database = openedDatabase() ?? (await getDatabase());
      const clientAddress = call.headers.get(CLIENT_ADDRESS_HEADER);
      const audit = auditContextOf({ actor, machine: kind === "machine", clientAddress, requestId });
      // ctx.req is built only if a handler reads it (a node:http call has no Request of its own).
      const ctx = {
        get req() {
          return call.request();
        },
        db: database.prisma,
        body,
        query,
        params,
        requestId,
        clientAddress,
        audit,
        idempotencyKey,
        inbound: seen.note,
        ...(actor ? { actor } : {}),
      };
      // Only the signed-in kinds have an actor (never a null one).
      const run = async () => toRaw(await fn(ctx as SignedInCtx<unknown, unknown, unknown>), requestId);
      if (idempotencyKey === undefined) return await run();
      const scope = kind === "machine" ? "machine" : actor ? `user:${actor.userId}` : "anonymous";
      const hash = requestHash(call.method, new URL(call.url, BASE).pathname, raw ?? null);
      return await responseToRaw(
        await runIdempotent(database, { scope, key: idempotencyKey, hash, requestId }, async () => rawToResponse(await run())),
      );
    } catch (err) {
      const e = describeError(err, requestId);
      seen.error = { code: e.code, message: e.message };
      if (spec.renderError) return spec.renderError({ status: e.status, code: e.code, message: e.message, requestId }).toRaw(undefined);
      if (locale) localize(e, locale);
      // What Response.json(e.body, { status, headers }) would carry.
      const headers: RawReply["headers"] = { ...e.headers };
      headers["content-type"] ??= "application/json";
      return { status: e.status, headers, body: JSON.stringify(e.body) };
    }
  };
  const handler: WebHandler = async (req, context) => rawToResponse(await serve(webIncoming(req), context?.params));
  return Object.assign(handler, { kind, method: spec.method, path: spec.path, serve });
}

type Handler<C, R> = (ctx: C) => Promise<R>;

function signedIn(kind: "user" | "admin") {
  return <R, B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
    spec: SignedInSpec<B, Q, P>,
    fn: Handler<SignedInCtx<Out<B>, Out<Q>, P extends Schema ? z.output<P> : Record<string, string>>, R>,
    ..._check: NotAResponse<R>
  ): RouteDefinition => define(kind, spec, fn as never);
}

function anonymous(kind: "public" | "machine") {
  return <R, B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
    spec: Spec<B, Q, P>,
    fn: Handler<Ctx<Out<B>, Out<Q>, P extends Schema ? z.output<P> : Record<string, string>>, R>,
    ..._check: NotAResponse<R>
  ): RouteDefinition => define(kind, spec, fn as never);
}

export const route = {
  public: anonymous("public"),
  user: signedIn("user"),
  admin: signedIn("admin"),
  machine: anonymous("machine"),
};
