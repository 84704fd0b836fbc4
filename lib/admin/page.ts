// How every admin page opens. The page authorises itself (Next skips a layout a forged
// router tree claims to have, so the admin layout's check alone is not enough), a request
// naming another site in Origin gets 404 (a cross-site fetch riding an admin's cookie), and
// record pages turn a bad id or a missing record into 404.
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { isForeignOrigin } from "../audit/access";
import { requireAdmin } from "../auth/session";
import { getDb } from "../db";
import { AppError } from "../errors";
import { intId } from "../http/params";
import { actorOf } from "../users/actor";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
export type IdParams = Promise<{ id: string }>;

export async function openAdminPage() {
  const actor = actorOf(await requireAdmin());
  if (isForeignOrigin((await headers()).get("origin"))) notFound();
  return { actor, db: await getDb() };
}

/** The `[id]` of a record page as a number, or 404. */
export async function pageId(params: IdParams, what: string): Promise<number> {
  const parsed = intId(what).safeParse((await params).id);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** The record a loader finds, or 404 when it answers with a 404 AppError. */
export async function orNotFound<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}
