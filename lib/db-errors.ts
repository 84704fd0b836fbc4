// Recognising constraint violations from Prisma (driver adapters map them to P2002/P2003).
import { Prisma } from "./generated/prisma/client";

const code = (err: unknown) => (err instanceof Prisma.PrismaClientKnownRequestError ? err.code : undefined);

export const isUniqueViolation = (err: unknown) => code(err) === "P2002";
export const isForeignKeyViolation = (err: unknown) => code(err) === "P2003";
