// The one fetch wrapper of the browser: JSON in, JSON out, ApiError on anything but 2xx.
// Browser-safe.
import { ApiError, toApiError } from "./api-error";

export interface ApiRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Sent as JSON (with its content type) when present. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the panel's API. 204 and empty bodies resolve to undefined. */
export async function apiFetch<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  if (req.body !== undefined) headers["content-type"] ??= "application/json";
  // The page's locale (the root layout's <html lang>): the server's error messages come in it.
  const lang = typeof document === "undefined" ? "" : document.documentElement.lang;
  if (lang) headers["x-ospab-locale"] ??= lang;
  let res: Response;
  try {
    res = await fetch(path, {
      method: req.method ?? (req.body === undefined ? "GET" : "POST"),
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: req.signal,
    });
  } catch (err) {
    throw new ApiError(0, err instanceof Error ? err.message : String(err));
  }
  const text = res.status === 204 ? "" : await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!res.ok) throw toApiError(res.status, body, res.headers.get("x-request-id"));
  return body as T;
}
