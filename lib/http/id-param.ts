// A positive integer id from a route segment; anything else is a 404 for that resource.
import { notFound } from "../errors";

export function idParam(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (!raw || !/^\d{1,10}$/.test(raw) || id < 1 || id > 2_147_483_647) throw notFound(`${what} ${raw ?? ""} not found`);
  return id;
}
