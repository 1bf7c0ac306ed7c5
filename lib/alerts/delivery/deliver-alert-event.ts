// Sends one alert event to every channel of its rule, each channel on its own (a dead webhook never
// delays or blocks the e-mail), with retries. Every attempt is written to AlertDelivery and counted
// in tollgate_alert_deliveries_total{channel,status}.
import type { DbClient } from "../../db";
import { db } from "../../db";
import { logger } from "../../logger";
import { metrics } from "../../metrics/metrics";
import type { AlertEventRow } from "../fire-alert-event";
import type { AlertRuleRow } from "../rule-queries";
import { channelTarget, openChannel, parseStoredChannels, type OpenChannel, type StoredChannel } from "../stored-channels";
import { buildAlertPayload, type AlertPayload } from "./alert-payload";
import { DEFAULT_RETRY_POLICY, errorText, runWithRetries, type AttemptResult, type RetryPolicy } from "./retry-policy";
import { sendEmail } from "./send-email";
import { sendSlack } from "./send-slack";
import { sendWebhook } from "./send-webhook";

export interface ChannelOutcome {
  channelId: string;
  type: StoredChannel["type"];
  ok: boolean;
}

function send(channel: OpenChannel, payload: AlertPayload, attempt: number, timeoutMs: number): Promise<AttemptResult> {
  switch (channel.type) {
    case "webhook":
      return sendWebhook(channel, payload, attempt, timeoutMs);
    case "slack":
      return sendSlack(channel, payload, timeoutMs);
    case "email":
      return sendEmail(channel, payload, timeoutMs);
  }
}

async function recordAttempt(
  client: DbClient,
  event: AlertEventRow,
  channel: { type: StoredChannel["type"]; target: string },
  attempt: number,
  result: AttemptResult,
): Promise<void> {
  metrics().alertDeliveries.inc({ channel: channel.type, status: result.ok ? "sent" : "failed" });
  if (!result.ok) {
    logger().warn(
      { alertEventId: event.id, ruleId: event.ruleId, channel: channel.type, target: channel.target, attempt, retryable: result.retryable, httpStatus: result.httpStatus, error: result.error },
      "alert delivery attempt failed",
    );
  }
  try {
    await client.alertDelivery.create({
      data: {
        eventId: event.id,
        channelType: channel.type,
        target: channel.target,
        attempt,
        status: result.ok ? "success" : "failed",
        httpStatus: result.httpStatus ?? null,
        error: result.ok ? null : result.error,
      },
    });
  } catch (error) {
    // The alert itself may still have gone out; losing its log row must not stop the retries.
    logger().error({ err: error, alertEventId: event.id }, "could not record an alert delivery attempt");
  }
}

async function deliverToChannel(
  client: DbClient,
  event: AlertEventRow,
  stored: StoredChannel,
  payload: AlertPayload,
  policy: RetryPolicy,
): Promise<ChannelOutcome> {
  const outcome = (ok: boolean): ChannelOutcome => ({ channelId: stored.id, type: stored.type, ok });
  let channel: OpenChannel;
  try {
    channel = openChannel(stored);
  } catch (error) {
    // Sealed under another TOLLGATE_SECRET: retrying cannot help, the rule needs its secret re-entered.
    const result: AttemptResult = { ok: false, retryable: false, error: `Cannot decrypt the channel's credential (was TOLLGATE_SECRET changed?): ${errorText(error)}` };
    await recordAttempt(client, event, { type: stored.type, target: channelTarget(stored) }, 1, result);
    return outcome(false);
  }
  const result = await runWithRetries(
    (attempt) => send(channel, payload, attempt, policy.timeoutMs),
    (attempt, attemptResult) => recordAttempt(client, event, channel, attempt, attemptResult),
    policy,
  );
  return outcome(result.ok);
}

export async function deliverAlertEvent(options: {
  event: AlertEventRow;
  rule: AlertRuleRow;
  scopeName: string | null;
  policy?: Partial<RetryPolicy>;
  client?: DbClient;
}): Promise<ChannelOutcome[]> {
  const client = options.client ?? db();
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  const payload = buildAlertPayload(options.event, options.rule, options.scopeName);
  const channels = parseStoredChannels(options.rule.channels);
  return Promise.all(channels.map((channel) => deliverToChannel(client, options.event, channel, payload, policy)));
}
