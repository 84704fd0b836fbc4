-- The outbox becomes insert-only: the relay and the webhook fan-out keep a cursor each
-- (lib/events/cursor.ts) instead of marking every row they consume.

-- CreateTable
CREATE TABLE "outbox_cursors" (
    "consumer" TEXT NOT NULL,
    "position" BIGINT NOT NULL,
    "gaps" JSONB NOT NULL DEFAULT '{}',
    "version" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_cursors_pkey" PRIMARY KEY ("consumer")
);

-- Each cursor starts after the newest event; events its consumer had not marked yet (at
-- most the newest 10,000) become gaps, so they are still relayed / queued once, within the
-- next 5 minutes.
INSERT INTO "outbox_cursors" ("consumer", "position", "gaps")
SELECT c.consumer,
       COALESCE((SELECT max(id) FROM "domain_events"), 0),
       COALESCE((SELECT jsonb_object_agg(p.id::text, (extract(epoch FROM now()) * 1000)::bigint + 300000)
                   FROM (SELECT id FROM "domain_events" e
                          WHERE CASE c.consumer WHEN 'relay' THEN e."relayed_at" IS NULL ELSE e."webhooks_queued_at" IS NULL END
                          ORDER BY id DESC LIMIT 10000) p), '{}'::jsonb)
  FROM (VALUES ('relay'), ('webhooks')) AS c(consumer);

-- DropIndex
DROP INDEX "domain_events_relayed_at_id_idx";

-- DropIndex
DROP INDEX "domain_events_webhooks_queued_at_id_idx";

-- AlterTable
ALTER TABLE "domain_events" DROP COLUMN "relayed_at",
DROP COLUMN "webhooks_queued_at";
