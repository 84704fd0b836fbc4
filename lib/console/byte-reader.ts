// Reads exact byte counts from a stream that arrives in arbitrary chunks: what the RFB
// handshake needs (12-byte version, a length-prefixed list, a 16-byte challenge). Whatever
// arrives after the handshake is handed on untouched by rest().
export class ByteReader {
  private chunks: Buffer[] = [];
  private size = 0;
  private waiter: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private failed: Error | null = null;

  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.size += chunk.length;
    this.settle();
  }

  /** The stream ended or broke: a pending read() rejects with this. */
  fail(err: Error) {
    this.failed ??= err;
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      const w = this.waiter;
      this.waiter = null;
      w.reject(err);
    }
  }

  read(n: number, timeoutMs = 10_000): Promise<Buffer> {
    if (this.waiter) return Promise.reject(new Error("ByteReader: one read at a time"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error("timed out waiting for the VNC handshake"));
      }, timeoutMs);
      this.waiter = { n, resolve, reject, timer };
      this.settle();
    });
  }

  /** Everything received and not read yet; the reader is done after this. */
  rest(): Buffer {
    const all = Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    return all;
  }

  private settle() {
    const w = this.waiter;
    if (!w) return;
    if (this.size < w.n) {
      if (this.failed) this.fail(this.failed);
      return;
    }
    const all = Buffer.concat(this.chunks);
    this.chunks = all.length > w.n ? [all.subarray(w.n)] : [];
    this.size = all.length - w.n;
    clearTimeout(w.timer);
    this.waiter = null;
    w.resolve(all.subarray(0, w.n));
  }
}
