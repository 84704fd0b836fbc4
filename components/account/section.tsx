import type { ReactNode } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";

export function AccountSection({ id, title, intro, children }: { id: string; title: string; intro?: string; children: ReactNode }) {
  return (
    <Card aria-labelledby={`${id}-heading`} role="region" data-testid={id}>
      <CardHeader>
        <h2 id={`${id}-heading`} className="text-base font-semibold text-slate-900">{title}</h2>
        {intro && <p className="mt-0.5 text-sm text-slate-600">{intro}</p>}
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

export function Notice({ tone, children, testId }: { tone: "ok" | "error"; children: ReactNode; testId?: string }) {
  return (
    <p
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={tone === "error" ? "rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" : "rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"}
    >
      {children}
    </p>
  );
}
