// Demo data for a first run: an admin, two clients with VPS in several statuses, plans and
// a webhook. Idempotent: running it again changes nothing that already exists.
import type { Db } from "../db";
import { createVps } from "../vps/create-vps";
import { createUser } from "../users/create-user";

export const DEMO_USERS = [
  { email: "admin@ospab.local", password: "admin-demo-pass", role: "admin", name: "Админ Демо", username: "admin" },
  { email: "client@ospab.local", password: "client-demo-pass", role: "client", name: "Иван Клиентов", username: "demo" },
  { email: "client2@ospab.local", password: "client2-demo-pass", role: "client", name: "Jane Customer", username: "jane", locale: "en" },
] as const;

const PLANS = [
  { code: "vps-start", name: "VPS Start", cpu: 1, ramMb: 1024, diskGb: 20, priceMonthly: 299, description: "1 vCPU, 1 ГБ RAM, 20 ГБ NVMe — для сайта-визитки или VPN" },
  { code: "vps-pro", name: "VPS Pro", cpu: 2, ramMb: 4096, diskGb: 60, priceMonthly: 899, description: "2 vCPU, 4 ГБ RAM, 60 ГБ NVMe — для интернет-магазина" },
  { code: "vps-max", name: "VPS Max", cpu: 8, ramMb: 16384, diskGb: 200, priceMonthly: 3490, description: "8 vCPU, 16 ГБ RAM, 200 ГБ NVMe — для баз данных и 1С" },
];
const OS_CHOICES = ["Ubuntu 22.04 LTS", "Ubuntu 24.04 LTS", "Debian 12", "AlmaLinux 9"];

const CLIENT_VPS = [
  { name: "web-server-01", status: "running", cpu: 2, ramMb: 4096, diskGb: 60, os: "Ubuntu 22.04 LTS", ipAddress: "203.0.113.10" },
  { name: "db-primary", status: "running", cpu: 8, ramMb: 16384, diskGb: 200, os: "Debian 12", ipAddress: "203.0.113.11" },
  { name: "staging", status: "stopped", cpu: 1, ramMb: 1024, diskGb: 20, os: "Ubuntu 24.04 LTS", ipAddress: "203.0.113.12" },
  { name: "backup-node", status: "suspended", cpu: 1, ramMb: 2048, diskGb: 100, os: "AlmaLinux 9", ipAddress: "203.0.113.13" },
  { name: "new-project", status: "creating", cpu: 2, ramMb: 2048, diskGb: 40, os: "Ubuntu 24.04 LTS", ipAddress: null },
] as const;

export const DEMO_WEBHOOK_NAME = "Main site (demo)";

export interface SeedDemoOptions {
  /** The demo webhook's target: the reference main site when it runs beside the panel
   *  (then the webhook is active, with this sealed secret), else inactive. */
  mainSite?: { url: string; secretEnc: string | null; running: boolean };
}

export async function seedDemo(db: Db, opts: SeedDemoOptions = {}) {
  const ids: Record<string, number> = {};
  let created = 0;
  for (const u of DEMO_USERS) {
    const existing = await db.user.findUnique({ where: { email: u.email }, select: { id: true } });
    if (existing) {
      ids[u.email] = existing.id;
      continue;
    }
    const user = await createUser(db, { ...u, locale: "locale" in u ? u.locale : "ru" });
    ids[u.email] = user.id;
    created++;
  }
  for (const p of PLANS) {
    const found = await db.plan.findUnique({ where: { code: p.code }, select: { id: true } });
    if (!found) {
      await db.plan.create({ data: { ...p, osChoices: OS_CHOICES } });
      created++;
    }
  }
  const clientId = ids["client@ospab.local"];
  if ((await db.vps.count({ where: { userId: clientId } })) === 0) {
    for (const v of CLIENT_VPS) {
      await createVps(db, { ...v, userId: clientId });
      created++;
    }
  }
  const client2Id = ids["client2@ospab.local"];
  if ((await db.vps.count({ where: { userId: client2Id } })) === 0) {
    await createVps(db, { userId: client2Id, name: "jane-blog", status: "running", cpu: 1, ramMb: 1024, diskGb: 20, os: "Debian 12", ipAddress: "198.51.100.7" });
    created++;
  }
  const site = opts.mainSite;
  if ((await db.webhook.count()) === 0) {
    await db.webhook.create({
      data: {
        name: DEMO_WEBHOOK_NAME,
        url: site?.url ?? "http://127.0.0.1:5060/webhooks/ospab",
        eventTypes: ["*"],
        description: "Demo receiver: the reference main site from examples/main-site (started by npm run dev)",
        secretEnc: site?.secretEnc ?? null,
        isActive: site?.running ?? false,
      },
    });
    created++;
  } else if (site) {
    // Active exactly while the demo main site runs; a webhook an admin re-pointed elsewhere is left alone.
    const demo = await db.webhook.findFirst({ where: { name: DEMO_WEBHOOK_NAME, url: { startsWith: "http://127.0.0.1:" } }, select: { id: true } });
    if (demo)
      await db.webhook.update({
        where: { id: demo.id },
        data: site.running ? { url: site.url, secretEnc: site.secretEnc, isActive: true } : { isActive: false },
      });
  }
  return { created };
}
