-- DropIndex
DROP INDEX "vps_status_idx";

-- DropIndex
DROP INDEX "vps_name_idx";

