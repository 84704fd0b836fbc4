// Console throughput and added latency: the same x11vnc (on Xvfb, 1024×768, 32 bpp) read
// directly over TCP and through the panel's /console/ws (ticket, WebSocket, the panel's
// VNC handshake and byte pipe), in the same run, alternating so machine load hits both.
//   throughput: whole raw frames (3 MiB each) asked for and read back-to-back, MiB/s
//   latency:    a 1×1 non-incremental update request → its answer, round trip in ms
// `npm run build` first.  node --import tsx bench/console-throughput.ts [--frames=30] [--pings=300]
import { randomBytes } from "node:crypto";
import { SessionClient } from "../test/support/http";
import { startPanel } from "../test/support/panel";
import { RfbClient } from "../test/support/rfb-client";
import { post, vpsSpec } from "../test/support/sync";
import { desktopsAvailable, startDesktop } from "../test/support/vnc";
import { ensureBuild, fmt, loadNote, percentile, printResult } from "./support";

const arg = (name: string, d: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? d);
const FRAMES = arg("frames", 30);
const PINGS = arg("pings", 300);

async function throughput(c: RfbClient, frames: number) {
  await c.frame(); // warm-up
  const started = performance.now();
  for (let i = 0; i < frames; i++) await c.frame();
  const seconds = (performance.now() - started) / 1000;
  return (frames * c.width * c.height * c.bytesPerPixel) / 1024 / 1024 / seconds;
}

async function latency(c: RfbClient, n: number) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await c.frame(15_000, { x: i % 100, y: 0, w: 1, h: 1 });
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function main() {
  if (!desktopsAvailable()) throw new Error("needs xvfb and x11vnc (apt-get install xvfb x11vnc)");
  await ensureBuild();
  const [panel, desktop] = await Promise.all([startPanel({ demoData: false }), startDesktop({ label: "bench desktop" })]);
  try {
    const email = `bench-${randomBytes(4).toString("hex")}@example.com`;
    const password = `pw-${randomBytes(8).toString("hex")}`;
    const user = await post(panel.url, "/api/users/sync", { email, password });
    const session = new SessionClient(panel.url);
    if (!(await session.signIn(email, password))) throw new Error("sign-in failed");
    const vps = (await post(panel.url, "/api/vps/sync", { action: "create", vps: vpsSpec({ user_id: user.json.user.id, name: "bench-vps", status: "running" }) })).json.vps;
    const json = (path: string, body: unknown) =>
      session.fetch(path, { method: "POST", headers: { "content-type": "application/json", origin: panel.url }, body: JSON.stringify(body) });
    const asked = (await (await json(`/api/vps/${vps.id}/actions`, { action: "console" })).json()) as { request: { id: number } };
    await post(panel.url, `/api/vps/actions/${asked.request.id}`, { status: "completed", result: { vnc: { host: desktop.host, port: desktop.port } } });
    const ticket = (await (await json(`/api/vps/${vps.id}/console/ticket`, {})).json()) as { websocket: string };
    const cookie = session.cookieList.map((c) => `${c.name}=${c.value}`).join("; ");
    const { ws, closed } = await RfbClient.openWs(panel.url.replace(/^http/, "ws") + ticket.websocket, { origin: panel.url, cookie });
    const viaPanel = await RfbClient.overWs(ws, closed);
    const direct = await RfbClient.overTcp(desktop.host, desktop.port);

    console.log(`console throughput and latency, ${viaPanel.width}×${viaPanel.height}×${viaPanel.bytesPerPixel * 8} bpp raw, ${loadNote()}`);
    const rounds = 3;
    const tp = { direct: [] as number[], panel: [] as number[] };
    const lat = { direct: [] as number[], panel: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      tp.direct.push(await throughput(direct, FRAMES));
      tp.panel.push(await throughput(viaPanel, FRAMES));
      lat.direct.push(...(await latency(direct, Math.ceil(PINGS / rounds))));
      lat.panel.push(...(await latency(viaPanel, Math.ceil(PINGS / rounds))));
    }
    const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
    lat.direct.sort((a, b) => a - b);
    lat.panel.sort((a, b) => a - b);
    const row = (name: string, mibs: number, l: number[]) =>
      console.log(`  ${name.padEnd(14)} ${fmt(mibs).padStart(8)} MiB/s   latency p50 ${fmt(percentile(l, 50), 2)} ms  p95 ${fmt(percentile(l, 95), 2)} ms  p99 ${fmt(percentile(l, 99), 2)} ms`);
    row("direct (TCP)", median(tp.direct), lat.direct);
    row("through panel", median(tp.panel), lat.panel);
    const added50 = percentile(lat.panel, 50) - percentile(lat.direct, 50);
    const added95 = percentile(lat.panel, 95) - percentile(lat.direct, 95);
    console.log(`  panel / direct throughput ${fmt((median(tp.panel) / median(tp.direct)) * 100, 0)}%, added latency p50 ${fmt(added50, 2)} ms, p95 ${fmt(added95, 2)} ms`);
    printResult({
      bench: "console",
      direct_mibs: median(tp.direct),
      panel_mibs: median(tp.panel),
      direct_p50_ms: percentile(lat.direct, 50),
      panel_p50_ms: percentile(lat.panel, 50),
      added_p50_ms: added50,
      added_p95_ms: added95,
    });
    viaPanel.close();
    direct.close();
  } finally {
    desktop.stop();
    await panel.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
