// Runs test/support/seed_receiver.py (the seed's Python receiver) as a real process on a
// fixed port, so it can be stopped and started again ("receiver down, then up").
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./panel";

export interface ReceivedDelivery {
  received_at: number;
  path: string;
  event: string;
  x_webhook_id: string;
  delivery: string;
  timestamp: string;
  content_type: string;
  seed_ok: boolean;
  raw_ok: boolean;
  standard_ok: boolean;
  previous_ok: boolean;
  payload: Record<string, unknown>;
  answered: number | string | null;
}

export interface PlanStep {
  status?: number;
  delay?: number;
  retry_after?: number;
}

export class SeedReceiver {
  private child?: ChildProcess;
  private constructor(
    readonly port: number,
    private secret: string,
  ) {}

  static async start(secret: string): Promise<SeedReceiver> {
    const r = new SeedReceiver(await freePort(), secret);
    await r.up();
    return r;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/webhook`;
  }

  async up() {
    const child = spawn("python3", [path.join(import.meta.dirname, "seed_receiver.py"), String(this.port)], {
      env: { ...process.env, WEBHOOK_SECRET: this.secret },
      stdio: ["ignore", "pipe", "inherit"],
    });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.once("data", () => resolve());
      child.once("exit", (code) => reject(new Error(`receiver exited with ${code}`)));
    });
  }

  async down() {
    const c = this.child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((r) => {
      c.once("exit", () => r());
      c.kill("SIGKILL");
    });
  }

  async control(body: { plan?: PlanStep[]; secret?: string; previous_secret?: string; clear?: boolean }) {
    if (body.secret) this.secret = body.secret;
    const r = await fetch(`http://127.0.0.1:${this.port}/_control`, { method: "POST", body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`control failed: ${r.status}`);
  }

  async log(): Promise<ReceivedDelivery[]> {
    return (await fetch(`http://127.0.0.1:${this.port}/_log`)).json() as Promise<ReceivedDelivery[]>;
  }
}
