// One shape for the three byte streams the console proxy joins: the browser's WebSocket,
// an upstream WebSocket (Proxmox vncwebsocket, websockify) and an upstream TCP socket
// (plain RFB). `buffered()` is what was accepted for sending but not yet handed to the
// kernel: the proxy pauses the other side while it is high (lib/console/pipe.ts).
import { connect, type Socket } from "node:net";
import { WebSocket } from "ws";
import { isWebSocketTarget, type VncTarget } from "./vnc-target";

export interface Transport {
  send(b: Buffer): void;
  buffered(): number;
  pause(): void;
  resume(): void;
  /** The one receiver of incoming bytes (the handshake's, then the pipe's): replaces the previous. */
  onData(cb: (b: Buffer) => void): void;
  /** Once, when the stream ends for any reason (`reason` for logs and close frames). */
  onClose(cb: (reason: string) => void): void;
  close(code?: number, reason?: string): void;
}

function once<T extends unknown[]>(fn: (...a: T) => void) {
  let done = false;
  return (...a: T) => {
    if (done) return;
    done = true;
    fn(...a);
  };
}

export function wsTransport(ws: WebSocket): Transport {
  let closeCb: (reason: string) => void = () => {};
  let dataCb: (b: Buffer) => void = () => {};
  const fire = once((reason: string) => closeCb(reason));
  ws.on("close", (code, reason) => fire(reason.toString() || `closed (${code})`));
  ws.on("error", (err) => fire(err.message));
  ws.on("message", (data, isBinary) => {
    if (!isBinary) return; // RFB is binary; a text frame carries nothing of it
    dataCb(Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data));
  });
  return {
    send: (b) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(b, { binary: true });
    },
    buffered: () => ws.bufferedAmount,
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    onData: (cb) => (dataCb = cb),
    onClose: (cb) => (closeCb = cb),
    close: (code = 1000, reason = "") => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else if (ws.readyState === WebSocket.OPEN) ws.close(code, reason.slice(0, 120));
    },
  };
}

export function tcpTransport(socket: Socket): Transport {
  let closeCb: (reason: string) => void = () => {};
  let dataCb: (b: Buffer) => void = () => {};
  const fire = once((reason: string) => closeCb(reason));
  socket.on("data", (b: Buffer) => dataCb(b));
  socket.on("close", () => fire("the VNC server closed the connection"));
  socket.on("error", (err) => fire(err.message));
  socket.setNoDelay(true);
  return {
    send: (b) => void (socket.writable && socket.write(b)),
    buffered: () => socket.writableLength,
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    onData: (cb) => (dataCb = cb),
    onClose: (cb) => (closeCb = cb),
    close: () => socket.destroy(),
  };
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Opens the upstream the main site named; resolves once it is connected. */
export function connectUpstream(target: VncTarget): Promise<Transport> {
  return new Promise((resolve, reject) => {
    if (isWebSocketTarget(target)) {
      const ws = new WebSocket(target.websocket_url, ["binary"], {
        headers: target.headers,
        rejectUnauthorized: target.tls_verify !== false,
        perMessageDeflate: false,
        handshakeTimeout: CONNECT_TIMEOUT_MS,
        maxPayload: 64 * 1024 * 1024,
      });
      ws.binaryType = "nodebuffer";
      const transport = wsTransport(ws);
      ws.once("open", () => resolve(transport));
      ws.once("unexpected-response", (_req, res) => {
        reject(new Error(`the console WebSocket answered HTTP ${res.statusCode}`));
        ws.terminate();
      });
      ws.once("error", (err) => reject(err));
      return;
    }
    const socket = connect({ host: target.host, port: target.port, timeout: CONNECT_TIMEOUT_MS });
    socket.once("timeout", () => {
      socket.destroy();
      reject(new Error("timed out connecting to the VNC server"));
    });
    socket.once("connect", () => {
      socket.setTimeout(0);
      resolve(tcpTransport(socket));
    });
    socket.once("error", (err) => reject(err));
  });
}
