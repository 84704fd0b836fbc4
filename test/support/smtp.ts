// Starts test/support/smtp_sink.py (a real SMTP server, Debian's python3-aiosmtpd) on a free
// port and collects what it receives, for tests of notification email.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./pg";

export interface ReceivedMail {
  mail_from: string;
  rcpt_tos: string[];
  from: string;
  to: string;
  subject: string;
  text: string | null;
  html: string | null;
  authenticated: boolean;
}

export interface SmtpSinkOptions {
  /** Require AUTH with these credentials (over plain TCP). */
  auth?: { user: string; password: string };
  /** Answer the first N messages with 451. */
  failFirst?: number;
}

export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  /** Messages answered with 451 so far. */
  refused = 0;
  private output = "";
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  static async start(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const port = await freePort();
    const args = [path.join(import.meta.dirname, "smtp_sink.py"), "--port", String(port)];
    if (opts.auth) args.push("--user", opts.auth.user, "--password", opts.auth.password);
    if (opts.failFirst) args.push("--fail-first", String(opts.failFirst));
    const child = spawn("/usr/bin/python3", args, { stdio: ["pipe", "pipe", "pipe"] });
    const sink = new SmtpSink(port, child);
    let errors = "";
    child.stderr!.on("data", (d) => (errors += d));
    await new Promise<void>((resolve, reject) => {
      let buffered = "";
      child.once("exit", (code) => reject(new Error(`smtp_sink.py exited with ${code}: ${errors} (is python3-aiosmtpd installed?)`)));
      child.stdout!.on("data", (d: Buffer) => {
        buffered += d.toString("utf8");
        let nl: number;
        while ((nl = buffered.indexOf("\n")) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          sink.output += `${line}\n`;
          const record = JSON.parse(line) as Record<string, unknown>;
          if (record.ready) resolve();
          else if (record.refused) sink.refused++;
          else sink.messages.push(record as unknown as ReceivedMail);
        }
      });
    });
    return sink;
  }

  url(auth?: { user: string; password: string }) {
    return auth ? `smtp://${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.password)}@127.0.0.1:${this.port}` : `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until `count` messages arrived (a guard against hanging, not a timing bound). */
  async waitFor(count: number, timeoutMs = 30_000): Promise<ReceivedMail[]> {
    const end = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > end) throw new Error(`expected ${count} emails, got ${this.messages.length}:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.messages;
  }

  async stop() {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.stdin!.end();
      setTimeout(() => this.child.kill("SIGTERM"), 2000).unref();
    });
  }
}
