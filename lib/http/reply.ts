// What a route handler answers besides plain data (a 200 JSON body): a status, headers, or a
// body that is not JSON. The wrapper (lib/http/route.ts) turns it into the Response; handlers
// never build one themselves.
export type ReplyBody = { kind: "json"; value: unknown } | { kind: "text"; value: string } | { kind: "empty" };

export class Reply {
  constructor(
    readonly status: number,
    readonly body: ReplyBody,
    readonly headers: Readonly<Record<string, string | readonly string[]>> = {},
  ) {}

  toResponse(requestId: string | undefined): Response {
    const headers = new Headers();
    if (this.body.kind === "json") headers.set("content-type", "application/json");
    if (this.body.kind === "text") headers.set("content-type", "text/plain; charset=utf-8");
    if (requestId) headers.set("x-request-id", requestId);
    for (const [k, v] of Object.entries(this.headers)) {
      if (typeof v === "string") headers.set(k, v);
      else for (const one of v) headers.append(k, one);
    }
    const body =
      this.body.kind === "json" ? JSON.stringify(this.body.value ?? null) : this.body.kind === "text" ? this.body.value : null;
    return new Response(body, { status: this.status, headers });
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
