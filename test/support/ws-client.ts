// A /ws client that collects messages, for tests and benchmarks.
import WebSocket from "ws";

export interface WsMessage {
  type: string;
  payload?: Record<string, unknown>;
  timestamp?: string;
  [k: string]: unknown;
}

export class WsClient {
  readonly messages: WsMessage[] = [];
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      this.messages.push(JSON.parse(data.toString()));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Resolves once the upgrade succeeded; rejects with the HTTP status (and body) when refused. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new WsClient(ws);
      ws.once("open", () => resolve(client));
      ws.once("unexpected-response", (_req, res) => {
        let body = "";
        res.on("data", (d: Buffer) => (body += d));
        res.on("end", () => reject(Object.assign(new Error(`HTTP ${res.statusCode} ${body}`), { status: res.statusCode, body })));
        res.on("error", () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })));
      });
      ws.once("error", reject);
    });
  }

  send(msg: unknown) {
    this.ws.send(JSON.stringify(msg));
  }

  async waitFor(pred: (msgs: WsMessage[]) => boolean, timeoutMs = 15_000): Promise<WsMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.messages)) {
      if (Date.now() > deadline) throw new Error(`ws: timed out; got ${JSON.stringify(this.messages.map((m) => m.type))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.messages;
  }

  events(type?: string) {
    return this.messages.filter((m) => m.type !== "connection" && m.type !== "pong" && (!type || m.type === type));
  }

  close() {
    this.ws.close();
  }
}
