// Resource graphs as a client meets them on the VPS page: an empty state before any sample,
// then with 30 days of history the four charts for every range (Russian units), the month's
// traffic against the plan, a sample pushed by the main site extending the hour's chart live,
// every range moving on such a sample (the hour takes the point, the longer ranges read
// again and the day's chart gains its next 5 minutes), and a phone-width page. Screenshots
// go to test-results/metrics/ (looked at by hand).
import path from "node:path";
import { simulatedSample } from "../../examples/main-site/src/metrics";
import { ingestSamples } from "../../lib/metrics/ingest-samples";
import { runRollupPass } from "../../lib/metrics/rollup";
import { seedMetricsHistory } from "../../lib/metrics/seed-history";
import { expect, mainSite, newClient, newVps, signIn, test } from "../fixtures";

const OUT = path.resolve(import.meta.dirname, "../../test-results/metrics");
const RANGES = [
  ["1h", "Час", 60],
  ["24h", "Сутки", 300],
  ["7d", "Неделя", 1800],
  ["30d", "Месяц", 3600],
  ["1y", "Год", 86400],
] as const;

test("a VPS without samples shows the empty state; with history every range draws four charts and the hour moves live", async ({ page, db }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "graphs-01", status: "running", ram: 4096 });
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto(`/vps/${vps.id}`);
  const section = page.getByTestId("vps-metrics");
  await expect(section.getByRole("heading", { name: "Графики ресурсов" })).toBeVisible();
  await expect(section.getByTestId("metrics-empty")).toContainText("Данных пока нет");
  await expect(section.getByTestId("metrics-traffic-used")).toContainText("0 ГБ, без ограничения");
  await page.screenshot({ path: path.join(OUT, "empty-desktop.png"), fullPage: true });

  await seedMetricsHistory(db.prisma, [{ id: vps.id, ram: 4096 }], simulatedSample);
  await page.reload();
  for (const [range, label, step] of RANGES) {
    await section.getByRole("button", { name: label, exact: true }).click();
    await expect(section.getByRole("button", { name: label, exact: true })).toHaveAttribute("aria-pressed", "true");
    const charts = section.getByTestId("metrics-charts");
    await expect(charts).toHaveAttribute("data-range", range);
    await expect(charts).toHaveAttribute("data-step", String(step));
    for (const id of ["chart-cpu", "chart-ram", "chart-disk", "chart-net"]) {
      const chart = section.getByTestId(id);
      await expect(chart).toHaveAttribute("data-ready", "true");
      await expect(chart.locator("canvas")).toBeVisible();
      expect(Number(await chart.getAttribute("data-points")), `${range} ${id}`).toBeGreaterThan(range === "1y" ? 25 : 40);
    }
    await expect(section.getByTestId("chart-net")).toContainText("бит/с");
    if (range === "24h" || range === "30d") await page.screenshot({ path: path.join(OUT, `range-${range}-desktop.png`), fullPage: true });
  }
  await expect(section.getByTestId("chart-ram")).toContainText("ГБ");
  await expect(section.getByTestId("metrics-traffic-used")).toContainText(/\d ГБ, без ограничения/);

  // Live: the main site pushes the next minute's sample; the hour's chart takes it without a reload.
  await section.getByRole("button", { name: "Час", exact: true }).click();
  const cpu = section.getByTestId("chart-cpu");
  await expect(cpu).toHaveAttribute("data-ready", "true");
  const next = Math.floor(Date.now() / 60_000) * 60_000 + 60_000;
  const r = await mainSite("/api/vps/metrics", { samples: [{ vps_id: vps.id, at: new Date(next).toISOString(), cpu_percent: 97.5 }] });
  expect(r).toEqual({ accepted: 1, rejected: [] });
  await expect(cpu).toHaveAttribute("data-last", String(next / 1000), { timeout: 15_000 });

  // Hovering a chart shows the values under the cursor in its legend.
  const box = (await cpu.locator("canvas").boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await expect(cpu.locator(".u-legend")).toContainText("%");
  await page.screenshot({ path: path.join(OUT, "range-1h-hover-desktop.png"), fullPage: true });
});

test("every range moves on a sample the main site pushes: the hour takes it, the longer ranges read again", async ({ page, db }) => {
  const user = await newClient();
  const vps = await newVps(user.id, { name: "graphs-live", status: "running", ram: 2048 });
  await seedMetricsHistory(db.prisma, [{ id: vps.id, ram: 2048 }], simulatedSample);
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  const push = async (ahead = 0) => {
    const minute = Math.floor(Date.now() / 60_000) * 60_000 + ahead;
    expect(await mainSite("/api/vps/metrics", { samples: [{ vps_id: vps.id, at: new Date(minute).toISOString(), cpu_percent: 97.5 }] })).toEqual({ accepted: 1, rejected: [] });
    return minute;
  };
  const open = async (range: string, label: string) => {
    // A page of its own for each range: a page reads the longer ranges again at most once a minute.
    await page.goto(`/vps/${vps.id}`);
    const section = page.getByTestId("vps-metrics");
    await section.getByRole("button", { name: label, exact: true }).click();
    await expect(section.getByTestId("metrics-charts")).toHaveAttribute("data-range", range);
    const cpu = section.getByTestId("chart-cpu");
    await expect(cpu).toHaveAttribute("data-ready", "true");
    await expect(page.getByTestId("live-indicator"), "the page's socket is up").toHaveAttribute("data-connected", "true");
    return cpu;
  };
  const reread = (range: string) => page.waitForResponse((r) => r.url().endsWith(`/api/vps/${vps.id}/metrics?range=${range}`) && r.status() === 200, { timeout: 15_000 });

  // The day: without its current 5-minute rollup the chart ends 5 minutes earlier; the rollup
  // comes back (a pass here), and the live sample makes the page read the day again.
  const bucket = Math.floor(Date.now() / 300_000) * 300_000;
  await db.sql.query("DELETE FROM vps_metric_rollups WHERE vps_id = $1 AND step_seconds = 300 AND bucket >= to_timestamp($2::float8 / 1000)", [vps.id, bucket]);
  const day = await open("24h", "Сутки");
  await expect(day).toHaveAttribute("data-last", String(bucket / 1000 - 300));
  expect((await ingestSamples(db.prisma, [{ vps_id: vps.id, at: new Date(bucket).toISOString(), cpu_percent: 42 }])).accepted).toBe(1);
  await runRollupPass(db.prisma);
  const dayRead = reread("24h");
  await push();
  await dayRead;
  await expect(day, "the day's chart gains its current 5 minutes").toHaveAttribute("data-last", String(bucket / 1000));

  for (const [range, label] of RANGES) {
    if (range === "24h") continue;
    const cpu = await open(range, label);
    if (range === "1h") {
      const minute = await push(60_000); // the next minute: the seeded hour ends at this one
      await expect(cpu, "the hour's chart takes the pushed minute").toHaveAttribute("data-last", String(minute / 1000), { timeout: 15_000 });
      continue;
    }
    const read = reread(range);
    await push();
    await read;
  }
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  test("the charts fit the width, one per row", async ({ page, db }) => {
    const user = await newClient();
    const vps = await newVps(user.id, { name: "graphs-phone", status: "running", ram: 2048 });
    await seedMetricsHistory(db.prisma, [{ id: vps.id, ram: 2048 }], simulatedSample, { days: 8 });
    await signIn(page, user.email, user.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto(`/vps/${vps.id}`);
    const section = page.getByTestId("vps-metrics");
    await expect(section.getByTestId("chart-cpu")).toHaveAttribute("data-ready", "true");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, "no sideways scrolling").toBeLessThanOrEqual(390);
    const cpu = (await section.getByTestId("chart-cpu").boundingBox())!;
    const ram = (await section.getByTestId("chart-ram").boundingBox())!;
    expect(ram.y).toBeGreaterThan(cpu.y + cpu.height - 1);
    await page.screenshot({ path: path.join(OUT, "range-24h-phone.png"), fullPage: true });
  });
});
