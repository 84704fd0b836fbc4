// Traffic notices (PRODUCT.md §11): when a VPS's traffic this calendar month (UTC; rx + tx as
// GET /api/vps/:id/traffic sums it from the hourly rollups) reaches 80 % and then 100 % of its
// plan's traffic_quota_gb, its owner gets one notification for each, once a month
// (dedupe_key "traffic:<vps>:<YYYY-MM>:<80|100>"), with a `vps.traffic_quota` event in the same
// transaction. Only the transaction that inserted the row writes the event, so several
// processes running this never announce twice. A VPS that reaches 100 % before its 80 %
// notice is told once (the 80 % row is kept silent, as a record). Preferences: the user's
// notify_panel and notify_email only.
import type { Db } from "../db";
import { recordEvent } from "../events/record-event";
import { getEnv } from "../env";
import { GB, monthOf } from "../metrics/read-metrics";
import { createNotifications, type NewNotification } from "../notifications/create-notifications";

const LEVELS = [80, 100] as const;
export type TrafficLevel = (typeof LEVELS)[number];

// $1 month start, $2 next month's start (epoch ms), $3 "YYYY-MM". VPS already told 100 % this
// month are skipped before their rollups are read.
const USAGE_SQL = `
  SELECT v.id AS vps_id, v.user_id, v.name, p.traffic_quota_gb, u.notify_panel, u.notify_email, t.rx, t.tx
    FROM vps v
    JOIN orders o ON o.id = v.order_id
    JOIN plans p ON p.id = o.plan_id
    JOIN users u ON u.id = v.user_id
   CROSS JOIN LATERAL (
     SELECT coalesce(sum(r.rx_bytes), 0)::float8 AS rx, coalesce(sum(r.tx_bytes), 0)::float8 AS tx
       FROM vps_metric_rollups r
      WHERE r.vps_id = v.id AND r.step_seconds = 3600
        AND r.bucket >= to_timestamp($1::float8 / 1000) AND r.bucket < to_timestamp($2::float8 / 1000)
   ) t
   WHERE v.deleted_at IS NULL AND p.traffic_quota_gb > 0
     AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.dedupe_key = 'traffic:' || v.id || ':' || $3 || ':100')
     AND t.rx + t.tx >= 0.8 * p.traffic_quota_gb::float8 * ${GB}`;

interface UsageRow {
  vps_id: number;
  user_id: number;
  name: string;
  traffic_quota_gb: number;
  notify_panel: boolean;
  notify_email: boolean;
  rx: number;
  tx: number;
}

export const trafficDedupeKey = (vpsId: number, month: string, level: TrafficLevel) => `traffic:${vpsId}:${month}:${level}`;

/** Writes the notices due; returns how many were announced. */
export async function checkTrafficQuotas(db: Db, opts: { now?: number; emailAvailable?: boolean } = {}): Promise<number> {
  const now = opts.now ?? Date.now();
  const emailAvailable = opts.emailAvailable ?? getEnv().SMTP_URL !== undefined;
  const month = monthOf(now);
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const rows = await db.$queryRawUnsafe<UsageRow[]>(USAGE_SQL, start, end, month);
  let announced = 0;
  for (const r of rows) {
    const quota = Number(r.traffic_quota_gb) * GB;
    const used = Number(r.rx) + Number(r.tx);
    const reached = LEVELS.filter((l) => used >= (quota * l) / 100);
    const top = reached.at(-1);
    if (top === undefined) continue;
    const params = { vps_name: r.name, month, level: top, used_bytes: Math.round(used), rx_bytes: Math.round(Number(r.rx)), tx_bytes: Math.round(Number(r.tx)), quota_bytes: quota };
    const notices: NewNotification[] = reached.map((level) => ({
      userId: r.user_id,
      kind: level === 80 ? "traffic.80" : "traffic.100",
      vpsId: r.vps_id,
      params: { ...params, level },
      dedupeKey: trafficDedupeKey(r.vps_id, month, level),
      // Only the highest level reached is told; a lower one passed at the same time is a record.
      panel: level === top && r.notify_panel,
      email: level === top && r.notify_email,
      keepRecord: true,
    }));
    announced += await db.$transaction(async (tx) => {
      const written = await createNotifications(tx, notices, { emailAvailable, now: new Date(now) });
      if (!written.has(trafficDedupeKey(r.vps_id, month, top))) return 0;
      await recordEvent(tx, { type: "vps.traffic_quota", userId: r.user_id, vpsId: r.vps_id, payload: { vps_id: r.vps_id, ...params } });
      return 1;
    });
  }
  return announced;
}
