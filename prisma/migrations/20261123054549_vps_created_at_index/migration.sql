-- CreateIndex
CREATE INDEX "vps_created_at_id_idx" ON "vps"("created_at", "id");

