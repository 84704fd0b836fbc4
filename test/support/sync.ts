// Helpers for the machine API tests: the main site's calls and direct database checks.
import pg from "pg";
import { TEST_SYNC_KEY } from "./panel";

export interface SyncResponse {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export async function post(
  baseUrl: string,
  path: string,
  body: unknown,
  opts: { key?: string | null; idempotencyKey?: string; headers?: Record<string, string> } = {},
): Promise<SyncResponse> {
  const headers: Record<string, string> = { "content-type": "application/json", ...opts.headers };
  const key = opts.key === undefined ? TEST_SYNC_KEY : opts.key;
  if (key !== null) headers["x-api-key"] = key;
  if (opts.idempotencyKey) headers["idempotency-key"] = opts.idempotencyKey;
  const res = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return readResponse(res);
}

async function readResponse(res: Response): Promise<SyncResponse> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** GET with the sync key (or `key`), query from `params`. */
export async function get(baseUrl: string, path: string, params: Record<string, string> = {}, opts: { key?: string | null } = {}): Promise<SyncResponse> {
  const url = new URL(path, baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const key = opts.key === undefined ? TEST_SYNC_KEY : opts.key;
  const res = await fetch(url, { headers: key === null ? {} : { "x-api-key": key } });
  return readResponse(res);
}

export const sync = (baseUrl: string, body: unknown, opts?: Parameters<typeof post>[3]) =>
  post(baseUrl, "/api/vps/sync", body, opts);

/** A short-lived connection to the panel's database for checks the API does not expose. */
export async function query<T = Record<string, unknown>>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

export const vpsSpec = (over: Record<string, unknown> = {}) => ({
  user_id: 2,
  name: `vps-${Math.random().toString(36).slice(2, 8)}`,
  cpu: 2,
  ram: 2048,
  disk: 40,
  os: "Debian 12",
  ...over,
});
