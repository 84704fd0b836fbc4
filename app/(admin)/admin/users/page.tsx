import { AdminUsersList } from "@/components/admin/users-list";
import { adminUsersQuerySchema, parseLenient } from "@/lib/admin/list-params";
import { listUsers } from "@/lib/admin/list-users";
import { openAdminPage, type SearchParams } from "@/lib/admin/page";

export const dynamic = "force-dynamic";

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  const { actor, db } = await openAdminPage();
  const query = parseLenient(adminUsersQuerySchema, await searchParams);
  return <AdminUsersList query={query} result={await listUsers(db, actor, query)} />;
}
