// The Console button of the VPS page: opens /vps/<id>/console while the VPS is running.
"use client";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import type { VpsStatus } from "@/lib/vps/view";

export function ConsoleLink({ vpsId, status }: { vpsId: number; status: VpsStatus }) {
  const t = useTranslations("console");
  const ts = useTranslations("status");
  if (status !== "running")
    return (
      <span className={buttonVariants({ variant: "secondary", size: "sm", className: "cursor-not-allowed opacity-60" })} aria-disabled title={t("notRunning", { status: ts(status) })} data-testid="console-link-disabled">
        <ConsoleIcon /> {t("open")}
      </span>
    );
  return (
    <Link href={`/vps/${vpsId}/console`} className={buttonVariants({ variant: "secondary", size: "sm" })} title={t("openHint")} data-testid="console-link">
      <ConsoleIcon /> {t("open")}
    </Link>
  );
}

function ConsoleIcon() {
  return (
    <svg aria-hidden viewBox="0 0 24 24" className="size-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="3" y="4" width="18" height="14" rx="2" />
      <path d="m7 9 3 3-3 3M13 15h4" />
    </svg>
  );
}
