-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VpsAction" ADD VALUE 'reinstall';
ALTER TYPE "VpsAction" ADD VALUE 'reset_password';
ALTER TYPE "VpsAction" ADD VALUE 'set_rdns';
ALTER TYPE "VpsAction" ADD VALUE 'snapshot_create';
ALTER TYPE "VpsAction" ADD VALUE 'snapshot_restore';
ALTER TYPE "VpsAction" ADD VALUE 'snapshot_delete';
ALTER TYPE "VpsAction" ADD VALUE 'backup_restore';
ALTER TYPE "VpsAction" ADD VALUE 'console';
ALTER TYPE "VpsAction" ADD VALUE 'suspend';
ALTER TYPE "VpsAction" ADD VALUE 'resume';
ALTER TYPE "VpsAction" ADD VALUE 'terminate';
ALTER TYPE "VpsAction" ADD VALUE 'resize';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "VpsActionStatus" ADD VALUE 'in_progress';
ALTER TYPE "VpsActionStatus" ADD VALUE 'expired';

-- AlterTable
ALTER TABLE "vps_action_requests" ADD COLUMN     "message" TEXT,
ADD COLUMN     "progress" INTEGER,
ADD COLUMN     "result" JSONB,
ADD COLUMN     "result_revealed_at" TIMESTAMP(3),
ADD COLUMN     "result_secret" TEXT,
ADD COLUMN     "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "vps_action_requests_status_created_at_idx" ON "vps_action_requests"("status", "created_at");

