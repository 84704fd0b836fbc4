"use client";
import { useTranslations } from "use-intl";
import { Badge } from "@/components/ui/badge";
import type { VpsStatus } from "@/lib/vps/view";

const TONE = {
  creating: "blue",
  running: "green",
  stopped: "gray",
  suspended: "amber",
  error: "red",
  deleting: "amber",
} as const;

export function StatusBadge({ status }: { status: VpsStatus }) {
  const t = useTranslations("status");
  return (
    <Badge tone={TONE[status]} data-status={status} data-testid="vps-status">
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {t(status)}
    </Badge>
  );
}
