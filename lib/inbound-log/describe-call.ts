// What the inbound log keeps of a machine call, taken from the call itself: the action it
// names, the VPS (panel id) and the caller's own id, and an error message with every secret
// the call carried cut out. Pure and browser-safe: the unit test is its proof.
// The body and headers themselves are never stored; only the facts picked here are.

export interface InboundFacts {
  action: string | null;
  vpsId: number | null;
  externalId: string | null;
}

const SECRET_KEY = /pass|secret|token|key|auth|cookie|signature/i;
const SHORTEST_REDACTED = 3;
export const MESSAGE_MAX = 500;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const short = (v: unknown, max = 64): string | null =>
  typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : typeof v === "number" && Number.isFinite(v) ? String(v) : null;
const intOf = (v: unknown): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d{1,10}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

/** BILLmanager posts its script's argv as `arg=--name=value` fields. */
function billmanagerArg(body: Record<string, unknown>, name: string): string | null {
  const args = Array.isArray(body.arg) ? body.arg : body.arg === undefined ? [] : [body.arg];
  for (const a of args) if (typeof a === "string" && a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  return null;
}

/** The action, VPS and external id a call names, read from its unparsed body, path and query. */
export function factsOf(input: { body: unknown; params: Record<string, string>; query?: Record<string, string> }): InboundFacts {
  const { params, query = {} } = input;
  const body = isRecord(input.body) ? input.body : {};
  const vps = isRecord(body.vps) ? body.vps : {};
  const action = short(body.action, 32) ?? short(params.action, 32) ?? short(params.command, 32);
  const vpsId = intOf(vps.id) ?? intOf(body.vps_id);
  const externalId =
    short(vps.external_id) ??
    short(body.external_id) ??
    short(vps.order_id) ??
    short(billmanagerArg(body, "id")) ??
    short(body.config_id) ??
    short(query.task_id) ??
    short(params.id) ??
    null;
  return { action, vpsId, externalId };
}

/** Every secret value the call carried: the key and token headers, and body fields whose
 *  name says secret (nested objects, arrays and BILLmanager's `--password=…` args included). */
export function secretsOf(body: unknown, headers: Pick<Headers, "get">): string[] {
  const out = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v.length >= SHORTEST_REDACTED) out.add(v);
  };
  add(headers.get("x-api-key"));
  const authorization = headers.get("authorization");
  if (authorization) {
    add(authorization);
    add(authorization.replace(/^\S+\s+/, ""));
  }
  const walk = (v: unknown, depth: number) => {
    if (depth > 6) return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    if (typeof v === "string") {
      const m = /^--([^=]+)=(.*)$/s.exec(v);
      if (m && SECRET_KEY.test(m[1] ?? "")) add(m[2]);
      return;
    }
    if (!isRecord(v)) return;
    for (const [k, x] of Object.entries(v)) {
      if (SECRET_KEY.test(k) && (typeof x === "string" || typeof x === "number")) add(String(x));
      else walk(x, depth + 1);
    }
  };
  walk(body, 0);
  // Longest first, so a secret that contains another is cut out whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** The message as stored: every secret replaced by [redacted], one line, bounded. */
export function redact(message: string | null | undefined, secrets: readonly string[]): string | null {
  if (!message) return null;
  let text = message;
  for (const s of secrets) text = text.split(s).join("[redacted]");
  text = text.replace(/\s+/g, " ").trim();
  return text.length > MESSAGE_MAX ? `${text.slice(0, MESSAGE_MAX - 1)}…` : text;
}
