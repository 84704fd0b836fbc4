"use client";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import { buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { VPS_STATUSES } from "@/lib/vps/view";
import { isFilterActive, type VpsFilter } from "@/lib/vps/vps-filter";

/** Search, status and sort of the VPS list; everything lives in the URL query. */
export function VpsFilterBar({ filter, action = "/dashboard" }: { filter: VpsFilter; action?: string }) {
  const t = useTranslations("vpsList");
  const ts = useTranslations("status");
  const tl = useTranslations("list");
  const form = useRef<HTMLDivElement>(null);
  // The fields are uncontrolled (so the form works without JavaScript); when the URL changes
  // by a link (reset, a sortable column), bring them in line, except the one being typed in.
  useEffect(() => {
    const root = form.current;
    if (!root) return;
    const set = (name: string, value: string) => {
      const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
      if (el && el !== document.activeElement) el.value = value;
    };
    set("q", filter.q);
    set("status", filter.status ?? "");
    set("sort", filter.sort);
  }, [filter.q, filter.status, filter.sort]);
  return (
    <div ref={form}>
    <FilterForm action={action} label={tl("search")} defaults={{ sort: "created" }} className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-[minmax(0,1fr)_11rem_11rem_auto] sm:items-end">
      <div className="col-span-2 sm:col-span-1">
        <Label htmlFor="vps-q">{tl("search")}</Label>
        <Input id="vps-q" name="q" type="search" defaultValue={filter.q} placeholder={t("searchPlaceholder")} maxLength={100} autoComplete="off" data-testid="vps-search" />
      </div>
      <div>
        <Label htmlFor="vps-status">{t("statusFilter")}</Label>
        <Select id="vps-status" name="status" defaultValue={filter.status ?? ""} data-testid="vps-status-filter">
          <option value="">{t("allStatuses")}</option>
          {VPS_STATUSES.map((s) => (
            <option key={s} value={s}>{ts(s)}</option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="vps-sort">{tl("sort")}</Label>
        <Select id="vps-sort" name="sort" defaultValue={filter.sort} data-testid="vps-sort">
          <option value="created">{t("sortCreated")}</option>
          <option value="name">{t("sortName")}</option>
          <option value="status">{t("sortStatus")}</option>
        </Select>
      </div>
      <div className="col-span-2 flex gap-2 sm:col-span-1">
        <button type="submit" className={buttonVariants({ variant: "secondary" })}>{tl("apply")}</button>
        {isFilterActive(filter) && (
          <Link href={action} className={buttonVariants({ variant: "ghost" })} data-testid="vps-filter-reset">{tl("reset")}</Link>
        )}
      </div>
    </FilterForm>
    </div>
  );
}
