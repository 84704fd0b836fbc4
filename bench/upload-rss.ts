// Memory under an oversized upload (`npm run build` first): anonymous chunked bodies of
// 300 MB (generated on the fly) to routes with a limit, sent one at a time and then 4 at
// once; prints the panel's RSS (VmRSS of the process) idle, the peak during each upload,
// how much of the body the panel took before answering, and the answer.
// Usage: node --import tsx bench/upload-rss.ts [megabytes=300]
import { stopOnExit } from "./support";
import { startPanel, TEST_SYNC_KEY } from "../test/support/panel";
import { chunkedUpload, rssOf } from "../test/support/upload";

const MB = 1024 * 1024;
const SIZE = Number(process.argv[2] ?? 300) * MB;
const mb = (n: number) => `${(n / MB).toFixed(1)} MB`;

const panel = await startPanel({ env: { LOG_LEVEL: "error" } });
const cleanup = stopOnExit(() => panel.stop());
const pid = panel.pid();
await fetch(`${panel.url}/api/me/locale`, { method: "PUT", headers: { "content-type": "application/json" }, body: '{"locale":"en"}' });
await fetch(`${panel.url}/api/auth/csrf`);
const idle = rssOf(pid);
console.log(`panel idle RSS: ${mb(idle)}; upload size ${mb(SIZE)} (chunked)`);

const targets: { name: string; method?: string; path: string; headers?: Record<string, string>; prefix: string }[] = [
  { name: "PUT /api/me/locale (anonymous)", method: "PUT", path: "/api/me/locale", prefix: '{"locale":"' },
  { name: "POST /api/auth/callback/credentials", path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" }, prefix: "login=" },
  { name: "POST /api/vps/sync (machine key)", path: "/api/vps/sync", headers: { "x-api-key": TEST_SYNC_KEY }, prefix: '{"action":"' },
];
for (const t of targets) {
  const before = rssOf(pid);
  const r = await chunkedUpload(panel.url, { ...t, total: SIZE, pid });
  console.log(
    `${t.name}: ${r.status} after ${r.sentAtReply === null ? "-" : mb(r.sentAtReply)} sent, ${mb(r.sent)} sent in all, ` +
      `${r.closedEarly ? "connection closed by the panel" : "whole body taken"}; RSS before ${mb(before)}, peak ${mb(r.maxRss!)} (+${mb(r.maxRss! - idle)} over idle)`,
  );
}
const parallel = await Promise.all(Array.from({ length: 4 }, () => chunkedUpload(panel.url, { ...targets[0], total: SIZE, pid })));
const peak = Math.max(...parallel.map((r) => r.maxRss!));
console.log(
  `4 in parallel to ${targets[0].name}: ${parallel.map((r) => r.status).join(", ")}; peak RSS ${mb(peak)} (+${mb(peak - idle)} over idle)`,
);
await cleanup();
