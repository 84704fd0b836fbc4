"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <Button variant="ghost" size="sm" onClick={() => signOut({ callbackUrl: "/login" })} data-testid="sign-out">
      {t("signOut")}
    </Button>
  );
}
