// Recognising constraint violations from Prisma: model queries map them to P2002/P2003,
// raw queries (P2010) carry the driver adapter's error kind.
import { Prisma } from "./generated/prisma/client";

function kind(err: unknown): string | undefined {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError)) return undefined;
  if (err.code === "P2002") return "UniqueConstraintViolation";
  if (err.code === "P2003") return "ForeignKeyConstraintViolation";
  const cause = (err.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return cause?.kind;
}

export const isUniqueViolation = (err: unknown) => kind(err) === "UniqueConstraintViolation";
export const isForeignKeyViolation = (err: unknown) => kind(err) === "ForeignKeyConstraintViolation";
