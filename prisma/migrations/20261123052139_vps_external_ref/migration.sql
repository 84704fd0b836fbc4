-- AlterTable
ALTER TABLE "vps" ADD COLUMN     "external_ref" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "vps_external_ref_key" ON "vps"("external_ref");

