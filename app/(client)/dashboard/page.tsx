import { VpsList } from "@/components/vps/vps-list";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOwnVps } from "@/lib/vps/list-vps";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const user = await requireUser();
  const vps = await listOwnVps(await getDb(), { userId: user.id, role: user.role });
  return <VpsList userId={user.id} initial={vps} />;
}
