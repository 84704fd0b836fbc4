// A positive integer id from a route segment; anything else is a 404 for that resource.
import { notFound } from "../errors";

export function idParam(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (!raw || !/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) throw notFound(`${what} ${raw ?? ""} not found`);
  return id;
}
