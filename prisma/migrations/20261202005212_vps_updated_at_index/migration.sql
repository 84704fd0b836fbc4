-- CreateIndex
CREATE INDEX "vps_updated_at_id_idx" ON "vps"("updated_at", "id");

