"use client";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";

/** next-auth's client is loaded on the click: every signed-in page would carry it otherwise. */
export async function signOutToLogin() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/login" });
}

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <Button variant="ghost" size="sm" onClick={() => void signOutToLogin()} data-testid="sign-out">
      {t("signOut")}
    </Button>
  );
}
