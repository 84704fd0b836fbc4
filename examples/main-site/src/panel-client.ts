// The main site's client for the panel's machine API (X-API-Key): the sync API, user sync
// and failing an order. Every write carries an Idempotency-Key chosen by the caller for the
// logical operation (e.g. "order-42-create"), kept across retries and across restarts of
// this service, so a retry after a lost reply never makes a second VPS. Network errors,
// timeouts, 429 and 5xx are retried with backoff; other errors surface at once with the
// panel's own `message`.
import { backoffDelay, isRetryableStatus, retryAfterMs, type BackoffOptions } from "./backoff";

export interface PanelClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Attempts after the first. */
  retries?: number;
  backoff?: BackoffOptions;
  timeoutMs?: number;
  log?: (msg: string) => void;
}

export class PanelError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "PanelError";
  }
}

export interface PanelVps {
  id: number;
  user_id: number;
  name: string;
  status: string;
  ip_address: string | null;
  order_id: number | null;
}

export interface VpsCreate {
  user_id: number;
  name: string;
  cpu: number;
  ram: number; // MB, as the panel stores it (main-site GB × 1024)
  disk: number; // GB
  os: string;
  status?: string;
  hypervisor?: string;
  order_id?: number;
  ip_address?: string;
  root_password?: string;
}

export type VpsUpdate = Partial<Omit<VpsCreate, "user_id">> & { id: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class PanelClient {
  private readonly retries: number;
  private readonly backoff: BackoffOptions;
  private readonly timeoutMs: number;
  private readonly log: (msg: string) => void;

  constructor(private readonly opts: PanelClientOptions) {
    this.retries = opts.retries ?? 6;
    this.backoff = opts.backoff ?? { baseMs: 500, maxMs: 30_000 };
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.log = opts.log ?? (() => {});
  }

  async post<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
    const url = `${this.opts.baseUrl.replace(/\/$/, "")}${path}`;
    for (let attempt = 0; ; attempt++) {
      let wait: number | null = null;
      let problem: string;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": this.opts.apiKey, "idempotency-key": idempotencyKey },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        const json = (await res.json().catch(() => ({}))) as { message?: string };
        if (res.ok) return json as T;
        problem = `HTTP ${res.status}: ${json.message ?? res.statusText}`;
        if (!isRetryableStatus(res.status)) throw new PanelError(res.status, json.message ?? `HTTP ${res.status}`);
        wait = retryAfterMs(res.headers.get("retry-after"));
      } catch (err) {
        if (err instanceof PanelError) throw err;
        problem = (err as Error).name === "TimeoutError" ? `no answer within ${this.timeoutMs} ms` : `${(err as Error).message}`;
      }
      if (attempt >= this.retries) throw new PanelError(0, `panel unavailable after ${attempt + 1} attempts (${problem})`);
      const delay = Math.max(wait ?? 0, backoffDelay(attempt, this.backoff));
      this.log(`POST ${path} failed (${problem}); retry ${attempt + 1}/${this.retries} in ${delay} ms`);
      await sleep(delay);
    }
  }

  async createVps(vps: VpsCreate, idempotencyKey: string): Promise<PanelVps> {
    return (await this.post<{ vps: PanelVps }>("/api/vps/sync", { action: "create", vps }, idempotencyKey)).vps;
  }

  async updateVps(vps: VpsUpdate, idempotencyKey: string): Promise<PanelVps> {
    return (await this.post<{ vps: PanelVps }>("/api/vps/sync", { action: "update", vps }, idempotencyKey)).vps;
  }

  async deleteVps(id: number, idempotencyKey: string): Promise<void> {
    await this.post("/api/vps/sync", { action: "delete", vps: { id } }, idempotencyKey);
  }

  /** Find-or-create the client; its `id` is the user_id the sync API wants (the "SSO id"). */
  async syncUser(user: { email: string; name?: string; username?: string; password?: string }, idempotencyKey: string) {
    return (await this.post<{ user: { id: number; email: string } }>("/api/users/sync", user, idempotencyKey)).user;
  }

  async failOrder(orderId: number, reason: string, idempotencyKey: string): Promise<void> {
    await this.post(`/api/orders/${orderId}/fail`, { reason }, idempotencyKey);
  }
}
