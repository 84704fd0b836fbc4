// GET /api/health — 200 when the database answers, 503 otherwise (load balancers, probes).
import { NextResponse } from "next/server";
import { getDatabase } from "@/lib/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const db = await getDatabase();
    await Promise.race([
      db.sql.query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return NextResponse.json({ status: "ok" });
  } catch {
    return NextResponse.json({ status: "unavailable", message: "database is not answering" }, { status: 503 });
  }
}
