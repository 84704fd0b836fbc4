import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { VpsDetailView } from "@/components/vps/vps-detail";
import { isVpsTab } from "@/components/vps/vps-tab-names";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getVpsDetail, parseVpsId, type VpsDetail } from "@/lib/vps/get-vps-detail";
import { QueryProvider } from "@/components/query-provider";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

/** The detail the viewer may see, or Next's 404 page (other clients' VPS included). */
async function load(id: string): Promise<{ detail: VpsDetail; isAdmin: boolean }> {
  const user = await requireUser();
  try {
    return { detail: await getVpsDetail(await getDb(), { userId: user.id, role: user.role }, parseVpsId(id)), isAdmin: user.role === "admin" };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { detail } = await load((await params).id);
  return { title: `${detail.vps.name} — ospab panel` };
}

export default async function VpsPage({ params, searchParams }: { params: Params; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { detail, isAdmin } = await load((await params).id);
  // ?tab=access|network|snapshots|activity opens that section; anything else the overview.
  const tab = (await searchParams).tab;
  return <QueryProvider><VpsDetailView initial={detail} viewerIsAdmin={isAdmin} initialTab={isVpsTab(tab) ? tab : "overview"} /></QueryProvider>;
}
