"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils/cn";

export interface NavLink {
  href: string;
  label: string;
  /** Other path prefixes that belong to this section (e.g. /vps/… under "My servers"). */
  match?: string[];
}

export function NavLinks({ links, label }: { links: NavLink[]; label: string }) {
  const path = usePathname();
  // The most specific link wins: on /admin/users only "Users" is current, not "/admin" too.
  const current = links
    .flatMap((l) => [l.href, ...(l.match ?? [])].map((prefix) => ({ href: l.href, prefix })))
    .filter(({ prefix }) => path === prefix || path.startsWith(`${prefix}/`))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0]?.href;
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 text-sm">
      {links.map((l) => {
        const active = l.href === current;
        return (
          <Link
            key={l.href}
            href={l.href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-md px-3 py-1.5 font-medium xl:px-2 2xl:px-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-500",
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
