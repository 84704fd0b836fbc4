"use client";
// Previous / next links with "page N of M" for a list page; plain links, so it works
// without JavaScript. The page builds the two links (its URL query holds the filters).
import Link from "next/link";
import { useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils/cn";

export function ListPager({ page, pages, prevHref, nextHref }: { page: number; pages: number; prevHref: string; nextHref: string }) {
  const t = useTranslations("list.pager");
  if (pages <= 1) return null;
  const link = (enabled: boolean, href: string, text: string, rel: "prev" | "next") =>
    enabled ? (
      <Link href={href} rel={rel} className={buttonVariants({ variant: "secondary", size: "sm" })} data-testid={`pager-${rel}`}>
        {text}
      </Link>
    ) : (
      <span aria-disabled className={cn(buttonVariants({ variant: "secondary", size: "sm" }), "pointer-events-none opacity-50")}>{text}</span>
    );
  return (
    <nav aria-label={t("label")} className="flex items-center justify-between gap-3">
      {link(page > 1, prevHref, t("prev"), "prev")}
      <span className="text-sm text-slate-600" data-testid="pager-status">{t("page", { page, pages })}</span>
      {link(page < pages, nextHref, t("next"), "next")}
    </nav>
  );
}
