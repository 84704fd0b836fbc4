// The SMTP connection of notification emails (nodemailer), from SMTP_URL:
// smtp://user:pass@host:587 (STARTTLS when offered), smtps://user:pass@host:465 (TLS).
// The URL holds the password: logs and stored errors name the server by describeSmtp()
// only, and redactSmtp() strips the credentials from any text before it is kept.
// nodemailer loads with the first email, not with the panel: a panel without SMTP_URL, or
// with nothing to send yet, never holds it (issue 10, RSS idle).
import type { Transporter } from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** "mail.example.com:587" — never the user or password. */
export function describeSmtp(smtpUrl: string): string {
  try {
    const u = new URL(smtpUrl);
    return `${u.hostname}:${u.port || (u.protocol === "smtps:" ? "465" : "587")}`;
  } catch {
    return "(unparsable SMTP_URL)";
  }
}

/** `text` without the URL's user name and password (nodemailer errors may quote either). */
export function redactSmtp(text: string, smtpUrl: string): string {
  let out = text;
  try {
    const u = new URL(smtpUrl);
    for (const secret of [u.password, decodeURIComponent(u.password), u.username, decodeURIComponent(u.username)])
      if (secret.length >= 3) out = out.split(secret).join("***");
  } catch {
    /* nothing known to strip */
  }
  return out.replace(/smtps?:\/\/[^\s@/]*@/gi, "smtp://***@");
}

export function createMailTransport(smtpUrl: string, from: string, { timeoutMs = 20_000 } = {}): MailTransport {
  let transporter: Promise<Transporter> | undefined;
  // Timeouts bound a stuck server: a send over them is a failed attempt, retried later.
  const connect = () =>
    (transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }),
    ));
  return {
    async send(m) {
      await (await connect()).sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
    },
    close() {
      void transporter?.then((t) => t.close());
    },
  };
}
