"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

export function NavLinks({ links, label }: { links: { href: string; label: string }[]; label: string }) {
  const path = usePathname();
  return (
    <nav aria-label={label} className="-mx-1 order-last flex w-full gap-1 overflow-x-auto px-1 pb-1 text-sm md:order-none md:mx-0 md:w-auto md:overflow-visible md:p-0">
      {links.map((l) => {
        // The most specific link wins (/admin/plans, not also /admin).
        const matches = (href: string) => path === href || path.startsWith(`${href}/`);
        const active = matches(l.href) && !links.some((o) => o.href.length > l.href.length && matches(o.href));
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "whitespace-nowrap rounded-md px-3 py-1.5 font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500",
              active ? "bg-sky-50 text-sky-700" : "text-slate-600 hover:bg-slate-100",
            )}
          >
            {l.label}
          </Link>
        );
      })}
    </nav>
  );
}
