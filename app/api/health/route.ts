// GET /api/health — 200 when the database answers, 503 otherwise (load balancers, probes).
import { getDatabase } from "@/lib/db";
import { reply, route } from "@/lib/http/handler";

export const dynamic = "force-dynamic";

export const GET = route.public({ method: "GET", path: "/api/health" }, async () => {
  try {
    const db = await getDatabase();
    await Promise.race([
      db.sql.query("SELECT 1"),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 3000)),
    ]);
    return { status: "ok" };
  } catch {
    return reply(503, { status: "unavailable", message: "database is not answering" });
  }
});
