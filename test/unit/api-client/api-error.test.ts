// The browser's ApiError mirrors the server's error JSON, whatever shape a failing answer has.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { ApiError, apiFetch, isApiError, toApiError } from "../../../lib/api-client";

describe("toApiError", () => {
  it("reads status, code, message, field errors and request id of the server's shape", () => {
    const e = toApiError(400, {
      status: "error",
      message: "Invalid request: name: Required",
      code: "validation_failed",
      errors: [{ field: "name", message: "Required" }, { field: "url", message: "Invalid URL" }],
      request_id: "req-1",
    });
    assert.ok(e instanceof ApiError && e instanceof Error);
    assert.equal(e.name, "ApiError");
    assert.equal(e.status, 400);
    assert.equal(e.code, "validation_failed");
    assert.equal(e.message, "Invalid request: name: Required");
    assert.deepEqual(e.fieldErrors, [{ field: "name", message: "Required" }, { field: "url", message: "Invalid URL" }]);
    assert.equal(e.fieldError("url"), "Invalid URL");
    assert.equal(e.fieldError("os"), undefined);
    assert.equal(e.requestId, "req-1");
  });

  it("keeps a refusal's reason word, and none when the body has none", () => {
    assert.equal(toApiError(400, { status: "error", message: "public_key is not an OpenSSH public key", reason: "not_openssh" }).reason, "not_openssh");
    assert.equal(toApiError(400, { status: "error", message: "Bad" }).reason, undefined);
    assert.equal(toApiError(400, { status: "error", message: "Bad", reason: 5 }).reason, undefined);
  });

  it("works without the optional parts (no code: older routes)", () => {
    const e = toApiError(404, { status: "error", message: "VPS not found" });
    assert.equal(e.status, 404);
    assert.equal(e.code, undefined);
    assert.equal(e.message, "VPS not found");
    assert.deepEqual(e.fieldErrors, []);
    assert.equal(e.requestId, undefined);
  });

  it("falls back to the request id header, the body's id winning", () => {
    assert.equal(toApiError(500, { message: "Internal server error" }, "hdr-2").requestId, "hdr-2");
    assert.equal(toApiError(500, { message: "x", request_id: "body-3" }, "hdr-2").requestId, "body-3");
  });

  it("gives a usable error for bodies of any other shape", () => {
    for (const body of [undefined, null, "Bad Gateway", 42, [], [{ message: "x" }], { message: 7, code: 3, errors: "nope", request_id: {} }]) {
      const e = toApiError(502, body);
      assert.equal(e.message, "HTTP 502");
      assert.equal(e.code, undefined);
      assert.deepEqual(e.fieldErrors, []);
      assert.equal(e.requestId, undefined);
    }
  });

  it("keeps only well-formed field errors", () => {
    const e = toApiError(400, { message: "m", errors: [{ field: "a", message: "b" }, { field: 1, message: "c" }, null, "x", { field: "d" }] });
    assert.deepEqual(e.fieldErrors, [{ field: "a", message: "b" }]);
  });

  it("isApiError narrows by status", () => {
    const e = toApiError(409, { message: "busy" });
    assert.equal(isApiError(e), true);
    assert.equal(isApiError(e, 409), true);
    assert.equal(isApiError(e, 400), false);
    assert.equal(isApiError(new Error("busy")), false);
  });
});

describe("apiFetch", () => {
  let server: Server;
  let base = "";
  const seen: { method?: string; type?: string; accept?: string; body: string }[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, type: req.headers["content-type"], accept: req.headers.accept, body });
        if (req.url === "/ok") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ vps: [1] }));
        if (req.url === "/none") return res.writeHead(204).end();
        if (req.url === "/html") return res.writeHead(502, { "content-type": "text/html", "x-request-id": "rid-9" }).end("<h1>Bad gateway</h1>");
        res.writeHead(422, { "content-type": "application/json", "x-request-id": "rid-8" });
        res.end(JSON.stringify({ status: "error", message: "Invalid request: os: Required", code: "validation_failed", errors: [{ field: "os", message: "Required" }] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it("returns the JSON of a 2xx answer and sends JSON bodies as POST by default", async () => {
    assert.deepEqual(await apiFetch(`${base}/ok`), { vps: [1] });
    assert.deepEqual(seen.at(-1), { method: "GET", type: undefined, accept: "application/json", body: "" });
    assert.deepEqual(await apiFetch(`${base}/ok`, { body: { a: 1 } }), { vps: [1] });
    assert.deepEqual(seen.at(-1), { method: "POST", type: "application/json", accept: "application/json", body: '{"a":1}' });
  });

  it("resolves 204 to undefined", async () => {
    assert.equal(await apiFetch(`${base}/none`, { method: "DELETE" }), undefined);
  });

  it("throws the server's error, with the request id header", async () => {
    const err = await apiFetch(`${base}/bad`, { method: "PATCH", body: {} }).catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 422);
    assert.equal(err.code, "validation_failed");
    assert.equal(err.fieldError("os"), "Required");
    assert.equal(err.requestId, "rid-8");
  });

  it("throws an ApiError for a non-JSON error page", async () => {
    const err = await apiFetch(`${base}/html`).catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 502);
    assert.equal(err.message, "HTTP 502");
    assert.equal(err.requestId, "rid-9");
  });

  it("reports no answer as status 0", async () => {
    const err = await apiFetch("http://127.0.0.1:1/").catch((e: unknown) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 0);
  });
});
