import { AdminUsersList } from "@/components/admin/users-list";
import { adminUsersQuerySchema, parseLenient } from "@/lib/admin/list-params";
import { listUsers } from "@/lib/admin/list-users";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { actorOf } from "@/lib/users/actor";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = actorOf(await requireAdmin());
  const query = parseLenient(adminUsersQuerySchema, await searchParams);
  return <AdminUsersList query={query} result={await listUsers(await getDb(), actor, query)} />;
}
