// What a route handler answers besides plain data (a 200 JSON body): a status, headers, or a
// body that is not JSON. The wrapper (lib/http/route.ts) turns it into the Response; handlers
// never build one themselves.
export type ReplyBody = { kind: "json"; value: unknown } | { kind: "text"; value: string } | { kind: "empty" };

/** A finished answer as plain data: lower-case header names, Set-Cookie as a list. What
 *  the node:http adapter writes (lib/http/node-adapter.ts) without a web Response between. */
export interface RawReply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string | Buffer | null;
}

/** Leading and trailing HTTP whitespace goes, as Headers does it. */
const normalize = (v: string) => v.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, "");

/** Adds `value` under `name` as Headers.append would: Set-Cookie is kept as a list, any
 *  other repeated header is joined with ", ". */
export function appendRawHeader(headers: RawReply["headers"], name: string, raw: string) {
  const key = name.toLowerCase();
  const value = normalize(raw);
  const prev = headers[key];
  if (key === "set-cookie") headers[key] = prev === undefined ? [value] : [...(Array.isArray(prev) ? prev : [prev]), value];
  else headers[key] = prev === undefined ? value : `${Array.isArray(prev) ? prev.join(", ") : prev}, ${value}`;
}

/** A web Response read back into a RawReply (the idempotency layer answers with Responses). */
export async function responseToRaw(response: Response): Promise<RawReply> {
  const headers: RawReply["headers"] = {};
  response.headers.forEach((value, key) => {
    if (key !== "set-cookie") headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** The web Response for a RawReply (what Next is handed). */
export function rawToResponse(raw: RawReply): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw.headers)) {
    if (typeof v === "string") headers.set(k, v);
    else for (const one of v) headers.append(k, one);
  }
  const body = typeof raw.body === "string" || raw.body === null ? raw.body : new Uint8Array(raw.body);
  return new Response(body, { status: raw.status, headers });
}

export class Reply {
  constructor(
    readonly status: number,
    readonly body: ReplyBody,
    readonly headers: Readonly<Record<string, string | readonly string[]>> = {},
  ) {}

  toResponse(requestId: string | undefined): Response {
    return rawToResponse(this.toRaw(requestId));
  }

  /** The same answer as plain data (headers as a Headers object would hold them). */
  toRaw(requestId: string | undefined): RawReply {
    const headers: RawReply["headers"] = {};
    if (this.body.kind === "json") headers["content-type"] = "application/json";
    if (this.body.kind === "text") headers["content-type"] = "text/plain; charset=utf-8";
    if (requestId) headers["x-request-id"] = requestId;
    for (const [k, v] of Object.entries(this.headers)) {
      if (typeof v === "string") headers[k.toLowerCase()] = k.toLowerCase() === "set-cookie" ? [normalize(v)] : normalize(v);
      else for (const one of v) appendRawHeader(headers, k, one);
    }
    const body =
      this.body.kind === "json" ? JSON.stringify(this.body.value ?? null) : this.body.kind === "text" ? this.body.value : null;
    return { status: this.status, headers, body };
  }
}

type Headers_ = Record<string, string | readonly string[]>;

/** A JSON reply with a status other than 200 and/or extra headers. */
export function reply(status: number, body: unknown, headers?: Headers_): Reply {
  return new Reply(status, { kind: "json", value: body }, headers);
}
/** A plain-text reply (BILLmanager's one-line answers). */
reply.text = (status: number, text: string, headers?: Headers_): Reply => new Reply(status, { kind: "text", value: text }, headers);
/** No body at all (204). */
reply.empty = (status = 204, headers?: Headers_): Reply => new Reply(status, { kind: "empty" }, headers);
