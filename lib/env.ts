// Configuration, validated once at start. A missing or weak setting stops the start with
// one line naming it (see formatEnvError). Development needs no configuration at all.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { isTimeZone } from "./i18n/time-zone";
import { loadEnvFiles } from "./env-files";

/** The example key published in the sync seeds; accepted only in development. */
export const SEED_EXAMPLE_SYNC_KEY = "your_secret_api_key_here_min_32_chars_change_this";

/**
 * Every key printed in the integration documents (../shared/seeds): the example key, the
 * Russian placeholder (also its garbled copy, which ends in a stray quote: quotes around a
 * key are ignored when comparing) and the "generated" key the guide shows as openssl's
 * output. Long enough to pass the length rule, known to anyone: refused outside development.
 */
export const PUBLISHED_SYNC_KEYS: readonly string[] = [
  SEED_EXAMPLE_SYNC_KEY,
  "ваш_секретный_ключ_минимум_32_символа",
  "аш_секретный_ключ_минимум_32_символа",
  "6c8a4f2e9b1d3c5a7f9e2b4c6a8d0f1e6c8a4f2e",
  "6c8a4f2e9b1d3c5a7f9e2b4c6a8d0f1e",
];
const isPublishedKey = (key: string) => PUBLISHED_SYNC_KEYS.includes(key.trim().replace(/^["']|["']$/g, ""));

const retrySchedule = z
  .string()
  .regex(/^\s*\d+[smhd](\s*,\s*\d+[smhd])*\s*$/, "expected a list like 10s,1m,5m,30m,2h,6h,24h");

const raw = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(5050),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./.data"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url("must be a URL such as https://panel.example.com").optional(),
  VPS_SYNC_API_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  VPS_SYNC_API_KEY_PREVIOUS: z.string().min(32, "must be at least 32 characters").optional(),
  // Encrypts secrets at rest (root passwords, webhook secrets, idempotent replays). Unset:
  // derived from NEXTAUTH_SECRET (lib/crypto/secret-box.ts).
  PANEL_ENCRYPTION_KEY: z
    .string()
    .min(32, "must be at least 32 characters (e.g. `openssl rand -hex 32`)")
    .refine((v) => new Set(v).size >= 8, "is too weak: use random characters (e.g. `openssl rand -hex 32`)")
    .optional(),
  ADMIN_EMAIL: z.email("must be an email address").optional(),
  ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  DEMO_DATA: z.enum(["0", "1"]).optional(),
  // Development: also run the reference main site (examples/main-site) on PORT+10, with the
  // demo webhook pointing at it, so orders and client actions complete by themselves.
  // Default: on in development with demo data (`npm run dev`), off otherwise.
  DEMO_MAIN_SITE: z.enum(["0", "1"]).optional(),
  // 0 switches the 1C-Bitrix providers plugin off on this panel: help and configs answer
  // "status":"disabled", order and order_status an error (lib/bitrix/run-command.ts).
  BITRIX_ENABLED: z.enum(["0", "1"]).default("1"),
  WEBHOOK_RETRY_SCHEDULE: retrySchedule.default("10s,1m,5m,30m,1h,2h,6h,12h,24h,24h"),
  WEBHOOK_ALLOW_PRIVATE: z.enum(["0", "1"]).default("0"),
  // A webhook is disabled after this many consecutive failed attempts spanning at least
  // WEBHOOK_DISABLE_AFTER (both must hold), with a `webhook.disabled` event.
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(20),
  WEBHOOK_DISABLE_AFTER: z.string().regex(/^\s*\d+[smhd]\s*$/, "expected a duration like 24h").default("24h"),
  // Outbox events (domain_events) older than this, once every consumer has read them, are
  // deleted by the workers (lib/events/prune-outbox.ts); order history is kept.
  DOMAIN_EVENTS_RETENTION: z.string().regex(/^\s*\d+[smhd]\s*$/, "expected a duration like 90d").default("90d"),
  // Email (PRODUCT.md §11): smtp://user:pass@host:port, smtps:// for TLS. Unset: email is off
  // (notifications keep email_status "off") and the UI says so.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s/]+/, "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587")
    .optional(),
  MAIL_FROM: z.string().min(3).default("ospab-panel <noreply@localhost>"),
  // Delays between attempts of a notification email that failed (lib/mail); used up, it is "failed".
  MAIL_RETRY_SCHEDULE: retrySchedule.default("1m,5m,15m,1h,3h,6h"),
  // How often the workers evaluate alert rules (lib/alerts), seconds.
  ALERTS_EVERY_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  // 0: this process serves web traffic only (no outbox relay, no webhook delivery).
  PANEL_WORKERS: z.enum(["0", "1"]).default("1"),
  // 1: admins must turn on two-factor sign-in (on /account) before anything else opens.
  ADMIN_REQUIRE_2FA: z.enum(["0", "1"]).default("0"),
  // How often open socket.io and /ws connections have their token or session checked again (seconds).
  WS_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // A browser console session (/console/ws) is closed after this many minutes (PRODUCT.md §10).
  CONSOLE_MAX_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(240),
  // How many reverse proxies you control stand in front of the panel, each appending to
  // X-Forwarded-For: the client address is the Nth entry from the right. 0: the socket's.
  TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, "must be the number of reverse proxies in front of the panel (0-10)")
    .transform(Number)
    .pipe(z.number().int().min(0, "must be 0-10").max(10, "must be 0-10 (the number of reverse proxies)"))
    .default(0),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // Times are shown in a user's chosen zone, else their browser's, else this one.
  DEFAULT_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Moscow or UTC")
    .default("Europe/Moscow"),
});

export type Env = z.infer<typeof raw> & {
  NEXTAUTH_SECRET: string;
  VPS_SYNC_API_KEY: string;
  isProduction: boolean;
  demoData: boolean;
  demoMainSite: boolean;
  warnings: string[];
};

export class EnvError extends Error {}

/** Development secrets are generated once and kept beside the embedded database. */
function devSecret(dataDir: string, name: string): string {
  const file = path.join(dataDir, "dev-secrets.json");
  mkdirSync(dataDir, { recursive: true });
  const secrets: Record<string, string> = existsSync(file)
    ? JSON.parse(readFileSync(file, "utf8"))
    : {};
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString("hex");
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets[name];
}

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = raw.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EnvError(`${String(issue.path[0])} ${issue.message}`);
  }
  const env = result.data;
  const isProduction = env.NODE_ENV === "production";
  const warnings: string[] = [];

  if (isProduction) {
    if (!env.NEXTAUTH_SECRET) throw new EnvError("NEXTAUTH_SECRET is required in production (32+ random characters, e.g. `openssl rand -hex 32`)");
    if (!env.NEXTAUTH_URL) throw new EnvError("NEXTAUTH_URL is required in production (the panel's public URL, e.g. https://panel.example.com)");
    if (!env.VPS_SYNC_API_KEY) throw new EnvError("VPS_SYNC_API_KEY is required in production (32+ random characters, e.g. `openssl rand -hex 32`)");
    for (const name of ["VPS_SYNC_API_KEY", "VPS_SYNC_API_KEY_PREVIOUS"] as const) {
      const key = env[name];
      if (key !== undefined && isPublishedKey(key))
        throw new EnvError(`${name} is the published example key; generate your own with \`openssl rand -hex 32\``);
    }
    if (env.DEMO_DATA === "1") warnings.push("DEMO_DATA=1: demo accounts with published passwords are being created");
  }
  if (env.ADMIN_EMAIL && !env.ADMIN_PASSWORD)
    throw new EnvError("ADMIN_PASSWORD is required when ADMIN_EMAIL is set (the first admin's password, 12+ characters)");
  if (!env.ADMIN_EMAIL && env.ADMIN_PASSWORD)
    throw new EnvError("ADMIN_EMAIL is required when ADMIN_PASSWORD is set (the first admin's email)");

  const syncKey = env.VPS_SYNC_API_KEY ?? SEED_EXAMPLE_SYNC_KEY;
  if (isPublishedKey(syncKey))
    warnings.push(
      "!!! VPS_SYNC_API_KEY is the seeds' published example key. Anyone can push VPS records. Development only: set your own key before going live. !!!",
    );

  const demoData = env.DEMO_DATA ? env.DEMO_DATA === "1" : !isProduction;
  const demoMainSite = env.DEMO_MAIN_SITE ? env.DEMO_MAIN_SITE === "1" : env.NODE_ENV === "development" && demoData;
  if (demoMainSite) {
    if (isProduction) throw new EnvError("DEMO_MAIN_SITE=1 is for development only (it runs the simulated main site from examples/main-site)");
    // The demo main site listens on 127.0.0.1: webhooks must be allowed to reach it.
    if (cleaned.WEBHOOK_ALLOW_PRIVATE === undefined) env.WEBHOOK_ALLOW_PRIVATE = "1";
  }

  return {
    ...env,
    NEXTAUTH_SECRET: env.NEXTAUTH_SECRET ?? devSecret(env.DATA_DIR, "NEXTAUTH_SECRET"),
    VPS_SYNC_API_KEY: syncKey,
    isProduction,
    demoData,
    demoMainSite,
    warnings,
  };
}

const store = globalThis as unknown as { __ospabEnv?: Env };

/** The validated environment; parsed on first use and shared by every module graph.
 *  `.env` files are read first (lib/env-files.ts): the real environment wins over them. */
export function getEnv(): Env {
  if (!store.__ospabEnv) loadEnvFiles();
  store.__ospabEnv ??= parseEnv(process.env);
  return store.__ospabEnv;
}
