import Link from "next/link";
import { buttonVariants } from "./button";
import { cn } from "@/lib/utils/cn";

/** Previous / next links with "page N of M"; plain links, so it works without JavaScript. */
export function Pager({
  page,
  pages,
  href,
  labels,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  labels: { nav: string; prev: string; next: string; status: string };
}) {
  if (pages <= 1) return null;
  const link = (target: number, text: string, rel: "prev" | "next") =>
    target < 1 || target > pages ? (
      <span aria-disabled className={cn(buttonVariants({ variant: "secondary", size: "sm" }), "pointer-events-none opacity-50")}>{text}</span>
    ) : (
      <Link href={href(target)} rel={rel} className={buttonVariants({ variant: "secondary", size: "sm" })} data-testid={`pager-${rel}`}>
        {text}
      </Link>
    );
  return (
    <nav aria-label={labels.nav} className="mt-4 flex items-center justify-between gap-3">
      {link(page - 1, labels.prev, "prev")}
      <span className="text-sm text-slate-600" data-testid="pager-status">{labels.status}</span>
      {link(page + 1, labels.next, "next")}
    </nav>
  );
}
