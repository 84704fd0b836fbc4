import { cva, type VariantProps } from "class-variance-authority";
import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils/cn";

export const badgeVariants = cva(
  "inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset",
  {
    variants: {
      tone: {
        green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
        gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
        amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
        blue: "bg-sky-50 text-sky-700 ring-sky-600/20",
        red: "bg-red-50 text-red-700 ring-red-600/20",
      },
    },
    defaultVariants: { tone: "gray" },
  },
);

export function Badge({ className, tone, ...props }: HTMLAttributes<HTMLSpanElement> & VariantProps<typeof badgeVariants>) {
  return <span className={cn(badgeVariants({ tone }), className)} {...props} />;
}
