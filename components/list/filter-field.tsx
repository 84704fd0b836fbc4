// One labelled control of a list's filter form; `wide` takes both columns on phones.
import type { ReactNode } from "react";
import { Label } from "@/components/ui/input";

export function FilterField({ id, label, wide, children }: { id: string; label: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "col-span-2 sm:col-span-1" : undefined}>
      <Label htmlFor={id}>{label}</Label>
      {children}
    </div>
  );
}
