import { TokensManager } from "@/components/tokens/tokens-manager";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listOwnTokens } from "@/lib/tokens/list-tokens";
import { scopesFor } from "@/lib/tokens/scopes";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listOwnTokens(await getDb(), { userId: user.id, role: user.role });
  return <QueryProvider><TokensManager initial={tokens} scopes={scopesFor(user.role)} /></QueryProvider>;
}
