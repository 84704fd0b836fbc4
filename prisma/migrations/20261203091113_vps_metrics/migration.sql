-- AlterTable
ALTER TABLE "plans" ADD COLUMN     "traffic_quota_gb" INTEGER;

-- CreateTable
CREATE TABLE "vps_metric_samples" (
    "vps_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "cpu_percent" REAL,
    "ram_used_mb" REAL,
    "disk_read_bps" REAL,
    "disk_write_bps" REAL,
    "net_rx_bps" REAL,
    "net_tx_bps" REAL,

    CONSTRAINT "vps_metric_samples_pkey" PRIMARY KEY ("vps_id","at")
);

-- CreateTable
CREATE TABLE "vps_metric_rollups" (
    "vps_id" INTEGER NOT NULL,
    "step_seconds" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "cpu_avg" REAL,
    "cpu_max" REAL,
    "ram_avg" REAL,
    "disk_read_avg" REAL,
    "disk_write_avg" REAL,
    "net_rx_avg" REAL,
    "net_tx_avg" REAL,
    "rx_bytes" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "tx_bytes" DOUBLE PRECISION NOT NULL DEFAULT 0,

    CONSTRAINT "vps_metric_rollups_pkey" PRIMARY KEY ("vps_id","step_seconds","bucket")
);

-- CreateTable
CREATE TABLE "vps_metric_dirty" (
    "vps_id" INTEGER NOT NULL,
    "bucket" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vps_metric_dirty_pkey" PRIMARY KEY ("vps_id","bucket")
);

-- CreateIndex
CREATE INDEX "vps_metric_samples_at_idx" ON "vps_metric_samples"("at");

-- CreateIndex
CREATE INDEX "vps_metric_rollups_step_seconds_bucket_idx" ON "vps_metric_rollups"("step_seconds", "bucket");

