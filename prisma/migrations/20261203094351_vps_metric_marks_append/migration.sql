-- AlterTable
ALTER TABLE "vps_metric_dirty" DROP CONSTRAINT "vps_metric_dirty_pkey",
ADD COLUMN     "id" BIGSERIAL NOT NULL,
ADD CONSTRAINT "vps_metric_dirty_pkey" PRIMARY KEY ("id");

