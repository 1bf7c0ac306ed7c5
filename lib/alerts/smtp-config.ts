// SMTP settings for e-mail alerts, from the environment: SMTP_URL, or SMTP_HOST with SMTP_PORT /
// SMTP_USER / SMTP_PASSWORD / SMTP_SECURE. Without either, e-mail channels are refused at rule
// creation (422) and logged as failed at delivery.
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { env, type Env } from "../env";

export type SmtpSettings = { transport: SMTPTransport.Options; from: string };

/** smtp://user:pass@host:587 or smtps://…:465, as connection options (so timeouts can be added to them). */
function fromUrl(url: string): SMTPTransport.Options {
  const parsed = new URL(url);
  const secure = parsed.protocol === "smtps:";
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username ? { auth: { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } } : {}),
  };
}

export function smtpSettings(config: Env = env()): SmtpSettings | null {
  if (config.SMTP_URL) return { transport: fromUrl(config.SMTP_URL), from: config.SMTP_FROM };
  if (!config.SMTP_HOST) return null;
  // Port 465 is implicit TLS; anything else starts in plain text and upgrades with STARTTLS.
  const secure = config.SMTP_SECURE ?? config.SMTP_PORT === 465;
  return {
    transport: {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT ?? (secure ? 465 : 587),
      secure,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASSWORD ?? "" } } : {}),
    },
    from: config.SMTP_FROM,
  };
}

export function isSmtpConfigured(config: Env = env()): boolean {
  return smtpSettings(config) !== null;
}

export const SMTP_NOT_CONFIGURED = "E-mail alerts need SMTP: set SMTP_URL, or SMTP_HOST (with SMTP_PORT, SMTP_USER, SMTP_PASSWORD, SMTP_FROM).";
