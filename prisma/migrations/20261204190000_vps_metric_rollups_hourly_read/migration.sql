-- The 30-day and year charts read one VPS's hourly rollups. The rollups are written in time
-- order, each hour's rows of every VPS side by side, so those rows lie one a heap page: the
-- 30-day chart read ~720 pages through the primary key. This partial covering index holds
-- what the charts read of the hourly rows, one VPS's hours together: an index-only scan of
-- ~10 pages. schema.prisma cannot express a partial index with INCLUDE; the schema-match
-- test (test/integration/schema-match.test.ts, SQL_ONLY_INDEXES) checks this one exactly.
CREATE INDEX "vps_metric_rollups_hourly_read_idx" ON "vps_metric_rollups" ("vps_id", "bucket")
  INCLUDE ("samples", "cpu_avg", "cpu_max", "ram_avg", "disk_read_avg", "disk_write_avg", "net_rx_avg", "net_tx_avg")
  WHERE "step_seconds" = 3600;
