// Configuration (lib/env.ts): a missing or weak setting stops the start with one line naming it;
// development needs nothing. Reading .env files: env-files.test.ts.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { EnvError, parseEnv as parseProcessEnv, PUBLISHED_SYNC_KEYS, SEED_EXAMPLE_SYNC_KEY } from "../../lib/env";

const dataDir = mkdtempSync(path.join(tmpdir(), "ospab-env-"));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Next's types make NODE_ENV mandatory in ProcessEnv; the point here is leaving it out. */
const parseEnv = (env: Record<string, string | undefined>) => parseProcessEnv(env as NodeJS.ProcessEnv);

const SECRET = "a".repeat(32);
const KEY = "k".repeat(40);
const production = {
  NODE_ENV: "production",
  DATA_DIR: dataDir,
  NEXTAUTH_SECRET: SECRET,
  NEXTAUTH_URL: "https://panel.example.com",
  VPS_SYNC_API_KEY: KEY,
};

/** Asserts parseEnv refuses `env` with a single line that names `variable`. */
function refuses(env: Record<string, string | undefined>, variable: string, also?: RegExp) {
  assert.throws(
    () => parseEnv(env),
    (err: unknown) => {
      assert.ok(err instanceof EnvError, `expected EnvError, got ${String(err)}`);
      assert.ok(!err.message.includes("\n"), `not one line: ${JSON.stringify(err.message)}`);
      assert.ok(err.message.startsWith(variable), `"${err.message}" does not start with ${variable}`);
      if (also) assert.match(err.message, also);
      return true;
    },
  );
}

describe("parseEnv in production", () => {
  it("accepts a complete configuration without warnings", () => {
    const env = parseEnv(production);
    assert.equal(env.isProduction, true);
    assert.equal(env.NEXTAUTH_SECRET, SECRET);
    assert.equal(env.VPS_SYNC_API_KEY, KEY);
    assert.equal(env.demoData, false, "no demo accounts in production unless asked for");
    assert.deepEqual(env.warnings, []);
  });

  for (const name of ["NEXTAUTH_SECRET", "NEXTAUTH_URL", "VPS_SYNC_API_KEY"] as const) {
    it(`requires ${name}`, () => {
      refuses({ ...production, [name]: undefined }, name, /required in production/);
      // An empty value counts as unset (a blank line in .env).
      refuses({ ...production, [name]: "" }, name, /required in production/);
    });
  }

  it("refuses secrets shorter than 32 characters", () => {
    refuses({ ...production, NEXTAUTH_SECRET: "x".repeat(31) }, "NEXTAUTH_SECRET", /at least 32 characters/);
    refuses({ ...production, VPS_SYNC_API_KEY: "short" }, "VPS_SYNC_API_KEY", /at least 32 characters/);
    refuses({ ...production, VPS_SYNC_API_KEY_PREVIOUS: "short" }, "VPS_SYNC_API_KEY_PREVIOUS", /at least 32 characters/);
  });

  it("refuses the seeds' published example key, as current or previous key", () => {
    refuses({ ...production, VPS_SYNC_API_KEY: SEED_EXAMPLE_SYNC_KEY }, "VPS_SYNC_API_KEY ", /published example key/);
    refuses({ ...production, VPS_SYNC_API_KEY_PREVIOUS: SEED_EXAMPLE_SYNC_KEY }, "VPS_SYNC_API_KEY_PREVIOUS", /published example key/);
  });

  it("refuses every key printed in the integration documents, though each is 32+ characters", () => {
    const printed = [
      "ваш_секретный_ключ_минимум_32_символа", // vps-sync-examples.ru.md, the .env blocks
      'аш_секретный_ключ_минимум_32_символа"', // the same, garbled in its first block
      "6c8a4f2e9b1d3c5a7f9e2b4c6a8d0f1e6c8a4f2e", // main-site guide: "openssl output + prefix"
    ];
    for (const key of [...printed, ...PUBLISHED_SYNC_KEYS]) {
      assert.ok(key.length >= 32, key);
      refuses({ ...production, VPS_SYNC_API_KEY: key }, "VPS_SYNC_API_KEY ", /published example key/);
      refuses({ ...production, VPS_SYNC_API_KEY_PREVIOUS: key }, "VPS_SYNC_API_KEY_PREVIOUS", /published example key/);
      assert.match(parseEnv({ DATA_DIR: dataDir, VPS_SYNC_API_KEY: key }).warnings[0], /published example key/, "development: a loud warning");
    }
  });

  it("refuses a NEXTAUTH_URL that is not a URL and a DATABASE_URL that is not postgresql://", () => {
    refuses({ ...production, NEXTAUTH_URL: "panel.example.com" }, "NEXTAUTH_URL", /URL/);
    refuses({ ...production, DATABASE_URL: "mysql://db/x" }, "DATABASE_URL", /postgresql:\/\//);
  });

  it("warns when demo data is switched on", () => {
    const env = parseEnv({ ...production, DEMO_DATA: "1" });
    assert.equal(env.demoData, true);
    assert.equal(env.warnings.length, 1);
    assert.match(env.warnings[0], /DEMO_DATA=1/);
  });
});

describe("parseEnv: first admin", () => {
  it("refuses ADMIN_EMAIL without ADMIN_PASSWORD and the reverse", () => {
    refuses({ ...production, ADMIN_EMAIL: "root@example.com" }, "ADMIN_PASSWORD", /ADMIN_EMAIL/);
    refuses({ ...production, ADMIN_PASSWORD: "long-enough-password" }, "ADMIN_EMAIL", /ADMIN_PASSWORD/);
    refuses({ NODE_ENV: "development", DATA_DIR: dataDir, ADMIN_EMAIL: "root@example.com" }, "ADMIN_PASSWORD");
  });

  it("refuses a short ADMIN_PASSWORD and a malformed ADMIN_EMAIL", () => {
    refuses({ ...production, ADMIN_EMAIL: "root@example.com", ADMIN_PASSWORD: "short" }, "ADMIN_PASSWORD", /at least 12/);
    refuses({ ...production, ADMIN_EMAIL: "root", ADMIN_PASSWORD: "long-enough-password" }, "ADMIN_EMAIL", /email/);
  });

  it("accepts both together", () => {
    const env = parseEnv({ ...production, ADMIN_EMAIL: "root@example.com", ADMIN_PASSWORD: "long-enough-password" });
    assert.equal(env.ADMIN_EMAIL, "root@example.com");
  });
});

describe("parseEnv in development", () => {
  it("needs no configuration: generates a session secret once and keeps it in DATA_DIR", () => {
    const dir = path.join(dataDir, "dev");
    const first = parseEnv({ DATA_DIR: dir });
    assert.equal(first.isProduction, false);
    assert.equal(first.demoData, true);
    assert.ok(first.NEXTAUTH_SECRET.length >= 32);
    assert.ok(existsSync(path.join(dir, "dev-secrets.json")));
    assert.equal(parseEnv({ DATA_DIR: dir }).NEXTAUTH_SECRET, first.NEXTAUTH_SECRET, "the secret survives a restart");
    const stat = readFileSync(path.join(dir, "dev-secrets.json"), "utf8");
    assert.ok(stat.includes(first.NEXTAUTH_SECRET));
  });

  it("accepts the seeds' example key (explicit or by default) with a loud warning", () => {
    for (const env of [parseEnv({ DATA_DIR: dataDir }), parseEnv({ DATA_DIR: dataDir, VPS_SYNC_API_KEY: SEED_EXAMPLE_SYNC_KEY })]) {
      assert.equal(env.VPS_SYNC_API_KEY, SEED_EXAMPLE_SYNC_KEY);
      assert.equal(env.warnings.length, 1);
      assert.match(env.warnings[0], /VPS_SYNC_API_KEY is the seeds' published example key/);
      assert.ok(!env.warnings[0].includes("\n"));
    }
  });

  it("does not warn for an own key", () => {
    assert.deepEqual(parseEnv({ DATA_DIR: dataDir, VPS_SYNC_API_KEY: KEY }).warnings, []);
  });

  it("still refuses weak explicit settings", () => {
    refuses({ DATA_DIR: dataDir, NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET", /at least 32/);
    refuses({ DATA_DIR: dataDir, PORT: "99999" }, "PORT");
  });

  it("TRUST_PROXY is the number of proxies (0-10); 1 still means one proxy", () => {
    assert.equal(parseEnv({ DATA_DIR: dataDir }).TRUST_PROXY, 0);
    assert.equal(parseEnv({ DATA_DIR: dataDir, TRUST_PROXY: "1" }).TRUST_PROXY, 1);
    assert.equal(parseEnv({ DATA_DIR: dataDir, TRUST_PROXY: "2" }).TRUST_PROXY, 2);
    for (const bad of ["11", "-1", "yes", "1.5", "true"]) refuses({ DATA_DIR: dataDir, TRUST_PROXY: bad }, "TRUST_PROXY", /0-10/);
  });
});

describe("parseEnv: PANEL_ENCRYPTION_KEY", () => {
  it("PANEL_ENCRYPTION_KEY must be long and not trivially weak", () => {
    const base = { NODE_ENV: "development", NEXTAUTH_SECRET: "x".repeat(40) } as NodeJS.ProcessEnv;
    assert.throws(() => parseProcessEnv({ ...base, PANEL_ENCRYPTION_KEY: "short" }), /PANEL_ENCRYPTION_KEY must be at least 32 characters/);
    assert.throws(() => parseProcessEnv({ ...base, PANEL_ENCRYPTION_KEY: "a".repeat(40) }), /PANEL_ENCRYPTION_KEY is too weak/);
    assert.equal(parseProcessEnv({ ...base, PANEL_ENCRYPTION_KEY: "0123456789abcdef0123456789abcdef" }).PANEL_ENCRYPTION_KEY?.length, 32);
  });
});

describe("parseEnv: email and alerts", () => {
  const base = { NODE_ENV: "development", NEXTAUTH_SECRET: "x".repeat(40) } as NodeJS.ProcessEnv;
  it("SMTP_URL is an smtp:// or smtps:// URL, unset by default; MAIL_FROM has a default", () => {
    assert.equal(parseProcessEnv(base).SMTP_URL, undefined);
    assert.equal(parseProcessEnv(base).MAIL_FROM, "ospab-panel <noreply@localhost>");
    assert.equal(parseProcessEnv({ ...base, SMTP_URL: "smtps://u:p@mail.example.com:465" }).SMTP_URL, "smtps://u:p@mail.example.com:465");
    assert.throws(() => parseProcessEnv({ ...base, SMTP_URL: "http://mail.example.com" }), /SMTP_URL must be an smtp:\/\//);
  });
  it("ALERTS_EVERY_SECONDS is 1-300, default 20", () => {
    assert.equal(parseProcessEnv(base).ALERTS_EVERY_SECONDS, 20);
    assert.equal(parseProcessEnv({ ...base, ALERTS_EVERY_SECONDS: "5" }).ALERTS_EVERY_SECONDS, 5);
    assert.throws(() => parseProcessEnv({ ...base, ALERTS_EVERY_SECONDS: "0" }), /ALERTS_EVERY_SECONDS/);
  });
});

describe("parseEnv: MAIL_RETRY_SCHEDULE", () => {
  const base = { NODE_ENV: "development", NEXTAUTH_SECRET: "x".repeat(40) } as NodeJS.ProcessEnv;
  it("is a list of delays, 1m,5m,15m,1h,3h,6h by default", () => {
    assert.equal(parseProcessEnv(base).MAIL_RETRY_SCHEDULE, "1m,5m,15m,1h,3h,6h");
    assert.equal(parseProcessEnv({ ...base, MAIL_RETRY_SCHEDULE: "1s,2s" }).MAIL_RETRY_SCHEDULE, "1s,2s");
    assert.throws(() => parseProcessEnv({ ...base, MAIL_RETRY_SCHEDULE: "soon" }), /MAIL_RETRY_SCHEDULE/);
  });
});

describe("parseEnv: CONSOLE_MAX_MINUTES", () => {
  it("whole minutes 1-1440, default 240: a fraction, zero or a unit is refused (tests shorten the limit through the proxy's maxMs, not here)", () => {
    assert.equal(parseEnv(production).CONSOLE_MAX_MINUTES, 240);
    assert.equal(parseEnv({ ...production, CONSOLE_MAX_MINUTES: "30" }).CONSOLE_MAX_MINUTES, 30);
    for (const bad of ["0.05", "0", "1441", "5m", "-1"]) refuses({ ...production, CONSOLE_MAX_MINUTES: bad }, "CONSOLE_MAX_MINUTES");
  });
});
