// A small RFB (VNC) client for the console tests and the benchmark: connects through the
// panel's /console/ws (where the panel offers None) or straight to a VNC server (answering
// VNC authentication with the panel's own rfb.ts), reads ServerInit, asks for whole raw
// frames and sends key events.
import { connect } from "node:net";
import { WebSocket } from "ws";
import { ByteReader } from "../../lib/console/byte-reader";
import { authenticateUpstream } from "../../lib/console/rfb";
import { tcpTransport, wsTransport, type Transport } from "../../lib/console/transport";

export interface Closed {
  code: number;
  reason: string;
}

export class RfbClient {
  width = 0;
  height = 0;
  bytesPerPixel = 4;
  name = "";
  security = 0;
  private constructor(
    private readonly t: Transport,
    private readonly reader: ByteReader,
    readonly closed: Promise<Closed>,
  ) {}

  /** Opens a WebSocket (the panel's /console/ws); resolves when it is open, before any RFB. */
  static openWs(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; closed: Promise<Closed> }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers, perMessageDeflate: false });
      const closed = new Promise<Closed>((r) => ws.on("close", (code, reason) => r({ code, reason: reason.toString() })));
      ws.once("open", () => resolve({ ws, closed }));
      ws.once("unexpected-response", (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once("error", reject);
    });
  }

  /** Through the panel: the RFB handshake over an open /console/ws. */
  static async overWs(ws: WebSocket, closed: Promise<Closed>): Promise<RfbClient> {
    return RfbClient.handshake(wsTransport(ws), closed, undefined);
  }

  /** Straight to a VNC server over TCP (the benchmark's baseline, the byte-for-byte check). */
  static async overTcp(host: string, port: number, password?: string): Promise<RfbClient> {
    const socket = connect({ host, port });
    await new Promise<void>((r, j) => socket.once("connect", r).once("error", j));
    const closed = new Promise<Closed>((r) => socket.once("close", () => r({ code: 0, reason: "tcp closed" })));
    return RfbClient.handshake(tcpTransport(socket), closed, password);
  }

  private static async handshake(t: Transport, closed: Promise<Closed>, password: string | undefined): Promise<RfbClient> {
    const reader = new ByteReader();
    t.onData((b) => reader.push(b));
    void closed.then(() => reader.fail(new Error("closed")));
    const c = new RfbClient(t, reader, closed);
    c.security = (await authenticateUpstream({ reader, write: (b) => t.send(b) }, password)).security;
    t.send(Buffer.from([1])); // ClientInit: shared
    const init = await reader.read(24);
    c.width = init.readUInt16BE(0);
    c.height = init.readUInt16BE(2);
    c.bytesPerPixel = init[4] / 8;
    c.name = (await reader.read(init.readUInt32BE(20))).toString("utf8");
    const enc = Buffer.alloc(8);
    enc.writeUInt8(2, 0); // SetEncodings: raw only
    enc.writeUInt16BE(1, 2);
    enc.writeInt32BE(0, 4);
    t.send(enc);
    return c;
  }

  /** Asks for the whole screen, or a region of it (non-incremental), and assembles the
   *  screen from the raw rectangles that arrive until the region is covered. */
  async frame(timeoutMs = 15_000, region = { x: 0, y: 0, w: this.width, h: this.height }): Promise<Buffer> {
    const req = Buffer.alloc(10);
    req.writeUInt8(3, 0);
    req.writeUInt16BE(region.x, 2);
    req.writeUInt16BE(region.y, 4);
    req.writeUInt16BE(region.w, 6);
    req.writeUInt16BE(region.h, 8);
    this.t.send(req);
    const bpp = this.bytesPerPixel;
    const fb = Buffer.alloc(this.width * this.height * bpp);
    const seen = new Uint8Array(this.width * this.height);
    let covered = 0;
    while (covered < region.w * region.h) {
      const type = (await this.reader.read(1, timeoutMs))[0];
      if (type === 2) continue; // Bell
      if (type === 3) {
        const h = await this.reader.read(7, timeoutMs);
        await this.reader.read(h.readUInt32BE(3), timeoutMs); // ServerCutText
        continue;
      }
      if (type !== 0) throw new Error(`unexpected server message ${type}`);
      const n = (await this.reader.read(3, timeoutMs)).readUInt16BE(1);
      for (let i = 0; i < n; i++) {
        const r = await this.reader.read(12, timeoutMs);
        const [x, y, w, h] = [r.readUInt16BE(0), r.readUInt16BE(2), r.readUInt16BE(4), r.readUInt16BE(6)];
        const encoding = r.readInt32BE(8);
        if (encoding !== 0) throw new Error(`unexpected encoding ${encoding}`);
        const pixels = await this.reader.read(w * h * bpp, timeoutMs);
        for (let row = 0; row < h; row++) {
          pixels.copy(fb, ((y + row) * this.width + x) * bpp, row * w * bpp, (row + 1) * w * bpp);
          for (let col = 0; col < w; col++) {
            const k = (y + row) * this.width + x + col;
            if (seen[k] || x + col < region.x || x + col >= region.x + region.w || y + row < region.y || y + row >= region.y + region.h) continue;
            seen[k] = 1;
            covered++;
          }
        }
      }
    }
    return fb;
  }

  /** Presses and releases a key (an X keysym: Latin-1 characters are their own code). */
  key(keysym: number) {
    for (const down of [1, 0]) {
      const b = Buffer.alloc(8);
      b.writeUInt8(4, 0);
      b.writeUInt8(down, 1);
      b.writeUInt32BE(keysym, 4);
      this.t.send(b);
    }
  }

  close() {
    this.t.close();
  }
}
