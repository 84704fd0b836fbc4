// Path parameters: ids that are not positive integers are simply not found.
import { notFound } from "../errors";

export function intParam(value: string | undefined, what: string): number {
  if (!value || !/^\d{1,9}$/.test(value) || Number(value) < 1) throw notFound(`${what} not found`);
  return Number(value);
}

export function bigintParam(value: string | undefined, what: string): bigint {
  if (!value || !/^\d{1,18}$/.test(value) || BigInt(value) < 1n) throw notFound(`${what} not found`);
  return BigInt(value);
}
