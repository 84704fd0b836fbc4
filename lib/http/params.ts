// Path segments, parsed by the route's `params` schema: an id that is not a positive
// integer is simply not found (the wrapper answers a refusal as 404 with its message).
import { z } from "zod";

const INT4_MAX = 2_147_483_647;

/** A positive int4 id. Refused as "<what> <raw> not found", or "<what> not found" with `echo: false`. */
export function intId(what: string, { echo = true }: { echo?: boolean } = {}) {
  return z.string().transform((raw, ctx) => {
    const id = Number(raw);
    if (/^\d{1,10}$/.test(raw) && id >= 1 && id <= INT4_MAX) return id;
    ctx.addIssue({ code: "custom", message: echo ? `${what} ${raw} not found` : `${what} not found` });
    return z.NEVER;
  });
}

/** A positive int8 id (webhook deliveries), refused as "<what> not found". */
export function bigintId(what: string) {
  return z.string().transform((raw, ctx) => {
    if (/^\d{1,18}$/.test(raw) && BigInt(raw) >= 1n) return BigInt(raw);
    ctx.addIssue({ code: "custom", message: `${what} not found` });
    return z.NEVER;
  });
}

/** `{ id }` — the params of a `/…/:id` route. */
export const idParams = (what: string, opts?: { echo?: boolean }) => z.object({ id: intId(what, opts) });
