"use client";
// Snapshots of the VPS as the main site last pushed them, within the plan's limit: create
// (named), restore and delete, each behind a confirmation; a running request shows its
// progress; the list follows live events.
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { Column } from "@/components/list/data-table";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Dialog } from "@/components/ui/dialog";
import { Input, Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { Locale } from "@/lib/i18n/config";
import { formatDisk } from "@/lib/i18n/format";
import type { Snapshot, SnapshotsView } from "@/lib/vps/lists/schemas";
import {
  ActionButton,
  ConfirmDialog,
  SectionList,
  useActionError,
  useDate,
  useDisabledReason,
  useSelfServiceAction,
  useVpsList,
  type SectionProps,
} from "./section-kit";

const NAME_MAX = 63;
const ACTIONS = ["snapshot_create", "snapshot_restore", "snapshot_delete"] as const;

function defaultName(now = new Date()) {
  const p = (n: number) => String(n).padStart(2, "0");
  return `snapshot-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

export function SnapshotsSection(props: SectionProps) {
  const { vps, pending } = props;
  const t = useTranslations("vpsSnapshots");
  const tc = useTranslations("selfService");
  const locale = useLocale() as Locale;
  const date = useDate();
  const list = useVpsList<SnapshotsView>(vps.id, "snapshots");
  const ask = useSelfServiceAction(vps.id);
  const why = useDisabledReason(props);
  const errorText = useActionError();
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [confirm, setConfirm] = useState<{ kind: "restore" | "delete"; snapshot: Snapshot } | null>(null);

  const snapshots = list.data?.snapshots ?? [];
  const limit = list.data?.limit ?? 0;
  const atLimit = list.data !== undefined && snapshots.length >= limit;
  const createWhy = why("snapshot_create") ?? (atLimit ? t("limitReached", { limit }) : null);
  const nameBad = name.trim().length === 0 || name.trim().length > NAME_MAX;

  function openCreate() {
    ask.reset();
    setName(defaultName());
    setTouched(false);
    setCreating(true);
  }
  function submitCreate(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (nameBad) return;
    ask.mutate({ action: "snapshot_create", name: name.trim() }, { onSuccess: () => setCreating(false) });
  }
  function confirmAction() {
    if (!confirm) return;
    ask.mutate({ action: confirm.kind === "restore" ? "snapshot_restore" : "snapshot_delete", snapshot_id: confirm.snapshot.id }, { onSuccess: () => setConfirm(null) });
  }

  // The actions last (desktop); on phones the priority-1 cells lead whatever their place.
  const columns: Column<Snapshot>[] = [
    { key: "name", header: t("colName"), priority: 1, cell: (s) => <span data-testid="snapshot-name">{s.name}</span> },
    { key: "created", header: t("colCreated"), cell: (s) => <time dateTime={s.created_at}>{date(s.created_at)}</time> },
    { key: "size", header: t("colSize"), cell: (s) => (s.size_gb == null ? "—" : formatDisk(locale, s.size_gb)) },
    {
      key: "actions",
      header: <span className="sr-only">{t("restore")}</span>,
      label: "",
      priority: 1,
      align: "right",
      cell: (s) => (
        <div className="flex flex-wrap justify-end gap-2">
          <ActionButton id={`snap-restore-${s.id}`} reason={why("snapshot_restore")} variant="secondary" size="sm" onClick={() => (ask.reset(), setConfirm({ kind: "restore", snapshot: s }))} data-testid="snapshot-restore">
            {t("restore")}
          </ActionButton>
          <ActionButton id={`snap-delete-${s.id}`} reason={why("snapshot_delete")} variant="ghost" size="sm" onClick={() => (ask.reset(), setConfirm({ kind: "delete", snapshot: s }))} data-testid="snapshot-delete">
            {t("delete")}
          </ActionButton>
        </div>
      ),
    },
  ];

  return (
    <Card data-testid="snapshots-section">
      <CardHeader className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-2">
          <h2 className="font-medium text-slate-900">{t("title")}</h2>
          {list.data && <span className="text-sm text-slate-500" data-testid="snapshots-usage">{t("usage", { used: snapshots.length, limit })}</span>}
        </div>
        {props.isOwner && (
          <div className="flex flex-col items-end gap-1">
            <ActionButton id="snapshot-create" reason={createWhy} size="sm" onClick={openCreate} data-testid="snapshot-create">
              {t("create")}
            </ActionButton>
            {createWhy && <p className="max-w-xs text-right text-xs text-slate-500" data-testid="snapshot-create-why">{createWhy}</p>}
          </div>
        )}
      </CardHeader>
      <CardBody className="space-y-3">
        <SectionList
          list={list}
          rows={snapshots}
          pending={pending}
          actions={ACTIONS}
          empty={{ testId: "snapshots-empty", title: t("emptyTitle"), text: t("emptyText") }}
          table={{ columns, rowKey: (s) => String(s.id), rowProps: (s) => ({ "data-testid": "snapshot-row", "data-snapshot-id": String(s.id) }), label: t("title") }}
        />
      </CardBody>

      <Dialog open={creating} onClose={() => setCreating(false)} title={t("createTitle")} testId="snapshot-create-dialog">
        <form onSubmit={submitCreate} noValidate>
          <Label htmlFor="snapshot-name">{t("name")}</Label>
          <Input
            id="snapshot-name"
            value={name}
            autoFocus
            autoComplete="off"
            maxLength={NAME_MAX + 10}
            aria-invalid={touched && nameBad}
            aria-describedby="snapshot-name-hint"
            onChange={(e) => (setName(e.target.value), setTouched(true))}
            data-testid="snapshot-name-input"
          />
          <p id="snapshot-name-hint" className={touched && nameBad ? "mt-1 text-sm text-red-600" : "mt-1 text-xs text-slate-500"}>{touched && nameBad ? t("nameInvalid") : t("nameHint")}</p>
          {ask.error && <p role="alert" className="mt-2 text-sm text-red-700">{errorText(ask.error)}</p>}
          <div className="mt-5 flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={() => setCreating(false)}>{tc("cancel")}</Button>
            <Button type="submit" disabled={ask.isPending} data-testid="snapshot-create-submit">
              {ask.isPending && <Spinner />}
              {t("create")}
            </Button>
          </div>
        </form>
      </Dialog>

      <ConfirmDialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        testId={confirm?.kind === "delete" ? "snapshot-delete-dialog" : "snapshot-restore-dialog"}
        title={confirm ? (confirm.kind === "restore" ? t("restoreTitle", { vps: vps.name, name: confirm.snapshot.name }) : t("deleteTitle", { name: confirm.snapshot.name })) : ""}
        confirmLabel={confirm?.kind === "delete" ? t("delete") : t("restore")}
        busy={ask.isPending}
        error={errorText(ask.error)}
        onConfirm={confirmAction}
      >
        {confirm && <p>{confirm.kind === "restore" ? t("restoreText", { at: date(confirm.snapshot.created_at) }) : t("deleteText", { at: date(confirm.snapshot.created_at) })}</p>}
      </ConfirmDialog>
    </Card>
  );
}
