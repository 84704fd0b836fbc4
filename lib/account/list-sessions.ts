// The sessions list of /account and GET /api/account/sessions: one wire shape.
import type { Db } from "../db";
import { listLiveSessions } from "../auth/user-sessions";
import { describeDevice } from "./describe-device";

export interface AccountSession {
  id: string;
  browser: string | null;
  os: string | null;
  ip: string | null;
  created_at: string;
  last_seen_at: string;
  current: boolean;
}

export async function listAccountSessions(db: Db, userId: number, currentSid: string | null): Promise<AccountSession[]> {
  const rows = await listLiveSessions(db, userId);
  return rows.map((s) => ({
    id: s.id,
    ...describeDevice(s.userAgent),
    ip: s.ip,
    created_at: s.createdAt.toISOString(),
    last_seen_at: s.lastSeenAt.toISOString(),
    current: s.id === currentSid,
  }));
}
