import { SshKeysManager } from "@/components/ssh-keys/ssh-keys-manager";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listSshKeys } from "@/lib/ssh-keys/ssh-keys";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

export default async function SshKeysPage() {
  const user = await requireUser();
  const keys = await listSshKeys(await getDb(), { userId: user.id, role: user.role });
  return <QueryProvider><SshKeysManager initial={keys} /></QueryProvider>;
}
