import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonVariants } from "@/components/ui/button";
import { FilterForm } from "@/components/ui/filter-form";
import { Input, Label } from "@/components/ui/input";
import { Pager } from "@/components/ui/pager";
import { Select } from "@/components/ui/select";
import { parseLenient } from "@/lib/admin/list-params";
import { isForeignOrigin } from "@/lib/audit/access";
import { AUDIT_TARGET_TYPES } from "@/lib/audit/actions";
import { listAudit } from "@/lib/audit/list-audit";
import { auditPageQuerySchema, type AuditPageQuery } from "@/lib/audit/schemas";
import { requireAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { queryString } from "@/lib/utils/query-string";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function href(q: AuditPageQuery, page: number) {
  const { actor, action, target_type, target_id, from, to, per_page } = q;
  return `/admin/audit${queryString({ actor, action, target_type, target_id, from, to, per_page, page }, { per_page: 50, page: 1 })}`;
}

export default async function AdminAuditPage({ searchParams }: { searchParams: SearchParams }) {
  // The page authorises itself: the admin layout alone can be skipped by a forged router tree.
  const user = await requireAdmin();
  const actor = { userId: user.id, role: user.role };
  if (isForeignOrigin((await headers()).get("origin"))) notFound();
  const { t } = await getI18n();
  const query = parseLenient(auditPageQuerySchema, await searchParams);
  const { page: wanted, per_page, ...filters } = query;
  const db = await getDb();
  let result = await listAudit(db, actor, filters, { limit: per_page, offset: (wanted - 1) * per_page });
  const pages = Math.max(1, Math.ceil(result.total / per_page));
  const page = Math.min(wanted, pages);
  if (page !== wanted) result = await listAudit(db, actor, filters, { limit: per_page, offset: (page - 1) * per_page });
  const filtered = Boolean(query.actor || query.action || query.target_type || query.target_id || query.from || query.to);

  return (
    <section aria-labelledby="audit-heading" className="space-y-4">
      <div>
        <h1 id="audit-heading" className="text-2xl font-semibold text-slate-900">{t("audit.title")}</h1>
        <p className="text-sm text-slate-500" data-testid="list-total">{t("audit.total", { n: result.total })}</p>
      </div>
      <FilterForm
        action="/admin/audit"
        label={t("audit.filters")}
        className="grid grid-cols-2 gap-3 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1.2fr)_minmax(0,1fr)_minmax(0,0.8fr)_minmax(0,1fr)_minmax(0,1fr)_auto] lg:items-end"
      >
        <div className="col-span-2 sm:col-span-1">
          <Label htmlFor="audit-actor">{t("audit.actor")}</Label>
          <Input id="audit-actor" name="actor" type="search" defaultValue={query.actor ?? ""} placeholder={t("audit.actorPlaceholder")} maxLength={254} autoComplete="off" />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <Label htmlFor="audit-action">{t("audit.action")}</Label>
          <Input id="audit-action" name="action" type="search" defaultValue={query.action ?? ""} placeholder={t("audit.actionPlaceholder")} maxLength={64} autoComplete="off" />
        </div>
        <div>
          <Label htmlFor="audit-target-type">{t("audit.targetType")}</Label>
          <Select id="audit-target-type" name="target_type" defaultValue={query.target_type ?? ""}>
            <option value="">{t("audit.anyTarget")}</option>
            {AUDIT_TARGET_TYPES.map((type) => (
              <option key={type} value={type}>{t(`audit.targets.${type}`)}</option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="audit-target-id">{t("audit.targetId")}</Label>
          <Input id="audit-target-id" name="target_id" inputMode="numeric" defaultValue={query.target_id ?? ""} maxLength={19} autoComplete="off" />
        </div>
        <div>
          <Label htmlFor="audit-from">{t("audit.from")}</Label>
          <Input id="audit-from" name="from" type="date" defaultValue={query.from?.slice(0, 10) ?? ""} />
        </div>
        <div>
          <Label htmlFor="audit-to">{t("audit.to")}</Label>
          <Input id="audit-to" name="to" type="date" defaultValue={query.to?.slice(0, 10) ?? ""} />
        </div>
        <div className="col-span-2 flex gap-2 lg:col-span-1">
          <button type="submit" className={buttonVariants({ variant: "secondary" })}>{t("list.apply")}</button>
          {filtered && <Link href="/admin/audit" className={buttonVariants({ variant: "ghost" })}>{t("list.reset")}</Link>}
        </div>
      </FilterForm>
      <AuditTable entries={result.entries} />
      <Pager
        page={page}
        pages={pages}
        href={(p) => href(query, p)}
        labels={{ nav: t("list.pager.label"), prev: t("list.pager.prev"), next: t("list.pager.next"), status: t("list.pager.page", { page, pages }) }}
      />
    </section>
  );
}
