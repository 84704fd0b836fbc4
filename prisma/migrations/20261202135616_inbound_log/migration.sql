-- CreateTable
CREATE TABLE "inbound_log" (
    "id" BIGSERIAL NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endpoint" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "action" TEXT,
    "vps_id" INTEGER,
    "external_id" TEXT,
    "status" INTEGER NOT NULL,
    "error_code" TEXT,
    "message" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "request_id" TEXT NOT NULL,
    "client_address" TEXT,
    "idempotency_key" TEXT,

    CONSTRAINT "inbound_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "inbound_log_created_at_id_idx" ON "inbound_log"("created_at", "id");

-- CreateIndex
CREATE INDEX "inbound_log_endpoint_created_at_idx" ON "inbound_log"("endpoint", "created_at");

-- CreateIndex
CREATE INDEX "inbound_log_vps_id_created_at_idx" ON "inbound_log"("vps_id", "created_at");

-- CreateIndex
CREATE INDEX "inbound_log_status_created_at_idx" ON "inbound_log"("status", "created_at");

