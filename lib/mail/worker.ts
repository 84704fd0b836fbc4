// Notification email in a process running the workers (PANEL_WORKERS=1): a mail pass every
// few seconds (lib/mail/send-notification-emails.ts; safe with several processes). Without
// SMTP_URL the pass only marks waiting emails "off".
import type { Database } from "../db";
import { log } from "../log";
import { runPeriodically } from "../utils/periodic";
import { runMailPass, type MailPolicy } from "./send-notification-emails";
import { createMailTransport, describeSmtp } from "./transport";

export interface MailWorker {
  stop(): Promise<void>;
}

export interface MailWorkerConfig {
  smtpUrl?: string;
  from: string;
  baseUrl: string;
  schedule: number[];
  everyMs?: number;
}

export function startMailWorker(db: Database, config: MailWorkerConfig): MailWorker {
  const transport = config.smtpUrl ? createMailTransport(config.smtpUrl, config.from) : null;
  const policy: MailPolicy = { transport, smtpUrl: config.smtpUrl, baseUrl: config.baseUrl, schedule: config.schedule };
  if (config.smtpUrl) log.info("mail: notification emails on", { server: describeSmtp(config.smtpUrl) });
  const pass = runPeriodically(
    async () => {
      const n = await runMailPass(db, policy);
      if (n.sent + n.failed > 0) log.info("mail: notification emails", { sent: n.sent, failed: n.failed, retrying: n.retry });
    },
    config.everyMs ?? 3_000,
    (err) => log.warn("mail: pass failed, will retry", { error: (err as Error)?.message ?? String(err) }),
  );
  return {
    async stop() {
      await pass.stop();
      transport?.close();
    },
  };
}
