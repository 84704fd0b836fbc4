import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireUser } from "@/lib/auth/session";

// /account has a group of its own: it must stay open to an admin who still has to turn on
// two-factor sign-in (ADMIN_REQUIRE_2FA=1), whom every other layout sends here.
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser({ allow2faSetup: true });
  return <AppShell user={user} area="account">{children}</AppShell>;
}
