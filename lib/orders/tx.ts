// The client inside `db.$transaction(async (tx) => ...)`, with the panel's default omits.
import type { Db } from "../db";

export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
