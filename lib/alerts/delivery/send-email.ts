// E-mail channel: a plain-text message over SMTP (nodemailer), settings from the environment.
import nodemailer from "nodemailer";
import { SMTP_NOT_CONFIGURED, smtpSettings } from "../smtp-config";
import { alertHeadline, type AlertPayload } from "./alert-payload";
import type { AttemptResult } from "./retry-policy";
import { errorText } from "./retry-policy";

export function emailText(payload: AlertPayload): string {
  return [
    payload.message,
    "",
    `Rule:      ${payload.rule.name} (${payload.rule.id})`,
    `Metric:    ${payload.rule.metric}`,
    `Scope:     ${payload.rule.scope} ${payload.rule.scopeName ?? payload.rule.scopeId}`,
    `Threshold: ${payload.threshold}`,
    `Value:     ${payload.value}`,
    `Period:    ${payload.periodKey}`,
    `Alert id:  ${payload.id}`,
    `Fired at:  ${payload.createdAt}`,
  ].join("\n");
}

export async function sendEmail(channel: { to: string }, payload: AlertPayload, timeoutMs: number): Promise<AttemptResult> {
  const settings = smtpSettings();
  // SMTP may have been removed from the environment after the rule was created: log it, do not retry.
  if (!settings) return { ok: false, retryable: false, error: SMTP_NOT_CONFIGURED };
  const transport = nodemailer.createTransport({ ...settings.transport, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await transport.sendMail({
      from: settings.from,
      to: channel.to,
      subject: `${alertHeadline(payload)}: ${payload.message}`.slice(0, 200),
      text: emailText(payload),
      headers: { "X-Tollgate-Alert-Id": payload.id },
    });
    return { ok: true };
  } catch (error) {
    // SMTP 5xx replies are permanent (unknown mailbox, relay denied); 4xx and connection errors are not.
    const responseCode = (error as { responseCode?: unknown }).responseCode;
    const permanent = typeof responseCode === "number" && responseCode >= 500;
    return { ok: false, retryable: !permanent, error: errorText(error) };
  } finally {
    transport.close();
  }
}
