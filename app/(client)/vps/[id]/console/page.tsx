// /vps/<id>/console — the VPS's screen in the browser (PRODUCT.md §10). Authorised here, next
// to the data: the owner or an admin; anyone else gets the 404 page.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ConsoleView } from "@/components/console/console-view";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getVpsDetail, parseVpsId } from "@/lib/vps/get-vps-detail";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

async function load(id: string) {
  const user = await requireUser();
  try {
    const detail = await getVpsDetail(await getDb(), { userId: user.id, role: user.role }, parseVpsId(id));
    return { vps: detail.vps, isOwner: detail.isOwner };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) notFound();
    throw err;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { vps } = await load((await params).id);
  return { title: `${vps.name} · console — ospab panel` };
}

export default async function ConsolePage({ params }: { params: Params }) {
  const { vps, isOwner } = await load((await params).id);
  return <ConsoleView vpsId={vps.id} vpsName={vps.name} isOwner={isOwner} />;
}
