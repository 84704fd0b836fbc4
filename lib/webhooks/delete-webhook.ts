// Deletes a webhook with its delivery history (cascade).
import type { Db } from "../db";
import { notFound } from "../errors";

export async function deleteWebhook(db: Db, id: number): Promise<void> {
  const { count } = await db.webhook.deleteMany({ where: { id } });
  if (count === 0) throw notFound(`Webhook ${id} not found`);
}
