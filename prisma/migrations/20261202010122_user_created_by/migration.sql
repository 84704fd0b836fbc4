-- AlterTable
ALTER TABLE "users" ADD COLUMN     "created_by" TEXT;

-- Backfill: accounts open.sh created before this column existed. The placeholder email is
-- only ever set by open.sh; otherwise a client whose VPS are all BILLmanager services and
-- whose account appeared with the first of them (within a minute) was created by it.
UPDATE "users" u SET "created_by" = 'billmanager'
WHERE u."role" = 'client' AND (
  u."email" LIKE '%@billmanager.invalid'
  OR (
    EXISTS (SELECT 1 FROM "vps" v WHERE v."user_id" = u."id")
    AND NOT EXISTS (SELECT 1 FROM "vps" v WHERE v."user_id" = u."id" AND (v."external_ref" IS NULL OR v."external_ref" NOT LIKE 'billmanager%'))
    AND u."created_at" >= (SELECT min(v."created_at") FROM "vps" v WHERE v."user_id" = u."id") - interval '1 minute'
  )
);
