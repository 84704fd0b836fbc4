"use client";
// The VPS's addresses with their reverse DNS (PTR) as the main site last pushed it; the
// owner sets a PTR per address (set_rdns), the hostname checked as the server checks it
// (validator's isFQDN) before it is sent.
import { useState, type FormEvent } from "react";
import { useTranslations } from "use-intl";
import isFQDN from "validator/lib/isFQDN.js";
import type { Column } from "@/components/list/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { NetworkView } from "@/lib/vps/lists/schemas";
import { ActionButton, SectionList, useActionError, useDisabledReason, useSelfServiceAction, useVpsList, type SectionProps } from "./section-kit";

type Address = NetworkView["addresses"][number];
const ACTIONS = ["set_rdns"] as const;
const fqdn = (h: string) => h.length <= 253 && isFQDN(h, { require_tld: true, allow_underscores: false, allow_trailing_dot: true, allow_numeric_tld: false });

export function NetworkSection(props: SectionProps) {
  const { vps, pending } = props;
  const t = useTranslations("vpsNetwork");
  const tc = useTranslations("selfService");
  const list = useVpsList<NetworkView>(vps.id, "network");
  const ask = useSelfServiceAction(vps.id);
  const why = useDisabledReason(props);
  const errorText = useActionError();
  const [editing, setEditing] = useState<Address | null>(null);
  const [hostname, setHostname] = useState("");
  const [touched, setTouched] = useState(false);
  const addresses = list.data?.addresses ?? [];
  const bad = !fqdn(hostname.trim());

  function open(a: Address) {
    ask.reset();
    setHostname(a.hostname ?? "");
    setTouched(false);
    setEditing(a);
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (bad || !editing) return;
    ask.mutate({ action: "set_rdns", ip: editing.ip, hostname: hostname.trim() }, { onSuccess: () => setEditing(null) });
  }

  const columns: Column<Address>[] = [
    {
      key: "ip",
      header: t("colIp"),
      priority: 1,
      cell: (a) => (
        <span className="flex flex-wrap items-center gap-2">
          <span className="font-mono" data-testid="address-ip">{a.ip}</span>
          <Badge tone="gray">{t("ipv", { v: a.version })}</Badge>
          {a.primary && <Badge tone="blue">{t("primary")}</Badge>}
        </span>
      ),
    },
    ...(props.isOwner
      ? [
          {
            key: "edit",
            header: <span className="sr-only">{t("edit")}</span>,
            label: "",
            priority: 1 as const,
            align: "right" as const,
            cell: (a: Address) => (
              <ActionButton id={`rdns-${a.ip}`} reason={why("set_rdns")} variant="secondary" size="sm" onClick={() => open(a)} data-testid="rdns-edit">
                {t("edit")}
              </ActionButton>
            ),
          },
        ]
      : []),
    {
      key: "ptr",
      header: t("colPtr"),
      wide: true,
      cell: (a) => (a.hostname ? <span className="font-mono" data-testid="address-ptr">{a.hostname}</span> : <span className="text-slate-500" data-testid="address-ptr">{t("notSet")}</span>),
    },
  ];

  return (
    <Card data-testid="network-section">
      <CardHeader><h2 className="font-medium text-slate-900">{t("title")}</h2></CardHeader>
      <CardBody className="space-y-3">
        <SectionList
          list={list}
          rows={addresses}
          pending={pending}
          actions={ACTIONS}
          empty={{ testId: "network-empty", title: t("emptyTitle"), text: t("emptyText") }}
          table={{ columns, rowKey: (a) => a.ip, rowProps: (a) => ({ "data-testid": "address-row", "data-ip": a.ip }), label: t("title") }}
        />
      </CardBody>
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing ? t("editTitle", { ip: editing.ip }) : ""} testId="rdns-dialog">
        <form onSubmit={submit} noValidate>
          <Label htmlFor="rdns-hostname">{t("hostname")}</Label>
          <Input
            id="rdns-hostname"
            value={hostname}
            autoFocus
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={253}
            placeholder="mail.example.com"
            aria-invalid={touched && bad}
            aria-describedby="rdns-hostname-hint"
            onChange={(e) => (setHostname(e.target.value), setTouched(true))}
            className="font-mono"
            data-testid="rdns-hostname"
          />
          <p id="rdns-hostname-hint" className={touched && bad ? "mt-1 text-sm text-red-600" : "mt-1 text-xs text-slate-500"} data-testid="rdns-hint">
            {touched && bad ? t("hostnameInvalid") : t("hostnameHint")}
          </p>
          {ask.error && <p role="alert" className="mt-2 text-sm text-red-700">{errorText(ask.error)}</p>}
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setEditing(null)}>{tc("cancel")}</Button>
            <Button type="submit" disabled={ask.isPending || (touched && bad)} data-testid="rdns-save">
              {ask.isPending && <Spinner />}
              {t("save")}
            </Button>
          </div>
        </form>
      </Dialog>
    </Card>
  );
}
