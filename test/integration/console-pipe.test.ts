// The console proxy's byte pipe (lib/console/pipe.ts) with real sockets: a VNC-like
// upstream floods 64 MB at a browser that has stopped reading. The panel must pause the
// upstream (TCP flow control pushes back on it) so what the panel holds for the browser
// stays near HIGH_WATER instead of growing with the flood; when the browser reads again
// every byte arrives, in order, unchanged.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import { describe, it } from "node:test";
import { WebSocket, WebSocketServer } from "ws";
import { HIGH_WATER, pipeStreams } from "../../lib/console/pipe";
import { connectUpstream, wsTransport } from "../../lib/console/transport";

const TOTAL = 64 * 1024 * 1024;
const CHUNK = 64 * 1024;

describe("console pipe backpressure", () => {
  it("a browser that stops reading pauses the upstream; nothing is lost", async () => {
    const sent = createHash("sha256");
    let written = 0;
    const upstream = createServer((socket) => {
      const pump = () => {
        while (written < TOTAL) {
          const chunk = randomBytes(CHUNK);
          sent.update(chunk);
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        socket.end();
      };
      pump();
    });
    await new Promise<void>((r) => upstream.listen(0, "127.0.0.1", r));
    const upPort = (upstream.address() as AddressInfo).port;

    let panelSide: WebSocket | undefined;
    let stats: ReturnType<typeof pipeStreams>["stats"] | undefined;
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", perMessageDeflate: false });
    wss.on("connection", (ws) => {
      panelSide = ws;
      void connectUpstream({ host: "127.0.0.1", port: upPort }).then((up) => {
        const browser = wsTransport(ws);
        stats = pipeStreams(browser, up).stats;
        up.onClose(() => browser.close(4000, "upstream closed"));
      });
    });
    await new Promise<void>((r) => wss.once("listening", r));
    const browser = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, { perMessageDeflate: false });
    const got = createHash("sha256");
    let received = 0;
    browser.on("message", (d: Buffer) => (got.update(d), (received += d.length)));
    await new Promise((r) => browser.once("open", r));
    browser.pause(); // a browser tab that cannot keep up

    let maxHeld = 0;
    const sampler = setInterval(() => (maxHeld = Math.max(maxHeld, panelSide?.bufferedAmount ?? 0)), 5);
    await new Promise((r) => setTimeout(r, 1500));
    const writtenWhilePaused = written;
    await new Promise((r) => setTimeout(r, 500));
    assert.ok(stats && stats.pauses >= 1, "the upstream was paused");
    assert.equal(written, writtenWhilePaused, "the upstream is blocked: nothing more was written in 0.5 s");
    assert.ok(written < TOTAL / 2, `the upstream could not push the whole flood (${written} bytes written)`);
    assert.ok(maxHeld <= HIGH_WATER + 4 * CHUNK, `the panel held at most ${maxHeld} bytes for the browser (limit ${HIGH_WATER})`);

    const closed = new Promise((r) => browser.once("close", r));
    browser.resume();
    await closed;
    clearInterval(sampler);
    assert.equal(received, TOTAL);
    assert.equal(got.digest("hex"), sent.digest("hex"), "byte for byte");
    assert.ok(maxHeld <= HIGH_WATER + 4 * CHUNK, `held at most ${maxHeld} bytes`);
    wss.close();
    upstream.close();
  });
});
