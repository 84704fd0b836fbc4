"use client";
// Backups of the VPS as the main site last pushed them (it makes them on its schedule):
// restore one, behind a confirmation; a running restore shows its progress.
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { Column } from "@/components/list/data-table";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { Locale } from "@/lib/i18n/config";
import { formatDisk } from "@/lib/i18n/format";
import type { Backup, BackupsView } from "@/lib/vps/lists/schemas";
import { ActionButton, ConfirmDialog, SectionList, useActionError, useDate, useDisabledReason, useSelfServiceAction, useVpsList, type SectionProps } from "./section-kit";

const ACTIONS = ["backup_restore"] as const;

export function BackupsSection(props: SectionProps) {
  const { vps, pending } = props;
  const t = useTranslations("vpsBackups");
  const locale = useLocale() as Locale;
  const date = useDate();
  const list = useVpsList<BackupsView>(vps.id, "backups");
  const ask = useSelfServiceAction(vps.id);
  const why = useDisabledReason(props);
  const errorText = useActionError();
  const [confirm, setConfirm] = useState<Backup | null>(null);
  const backups = list.data?.backups ?? [];

  // The actions last (desktop); on phones the priority-1 cells lead whatever their place.
  const columns: Column<Backup>[] = [
    { key: "created", header: t("colCreated"), priority: 1, cell: (b) => <time dateTime={b.created_at} data-testid="backup-created">{date(b.created_at)}</time> },
    { key: "kind", header: t("colKind"), cell: (b) => <Badge tone={b.kind === "auto" ? "gray" : "blue"}>{t(b.kind)}</Badge> },
    { key: "size", header: t("colSize"), cell: (b) => (b.size_gb == null ? "—" : formatDisk(locale, b.size_gb)) },
    ...(props.isOwner
      ? [
          {
            key: "actions",
            header: <span className="sr-only">{t("restore")}</span>,
            label: "",
            priority: 1 as const,
            align: "right" as const,
            cell: (b: Backup) => (
              <ActionButton id={`backup-restore-${b.id}`} reason={why("backup_restore")} variant="secondary" size="sm" onClick={() => (ask.reset(), setConfirm(b))} data-testid="backup-restore">
                {t("restore")}
              </ActionButton>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card data-testid="backups-section">
      <CardHeader><h2 className="font-medium text-slate-900">{t("title")}</h2></CardHeader>
      <CardBody className="space-y-3">
        <SectionList
          list={list}
          rows={backups}
          pending={pending}
          actions={ACTIONS}
          empty={{ testId: "backups-empty", title: t("emptyTitle"), text: t("emptyText") }}
          table={{ columns, rowKey: (b) => String(b.id), rowProps: (b) => ({ "data-testid": "backup-row", "data-backup-id": String(b.id) }), label: t("title") }}
        />
      </CardBody>
      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        testId="backup-restore-dialog"
        title={confirm ? t("restoreTitle", { vps: vps.name, at: date(confirm.created_at) }) : ""}
        confirmLabel={t("restore")}
        busy={ask.isPending}
        error={errorText(ask.error)}
        onConfirm={() => confirm && ask.mutate({ action: "backup_restore", backup_id: confirm.id }, { onSuccess: () => setConfirm(null) })}
      >
        {confirm && <p>{t("restoreText", { at: date(confirm.created_at) })}</p>}
      </ConfirmDialog>
    </Card>
  );
}
