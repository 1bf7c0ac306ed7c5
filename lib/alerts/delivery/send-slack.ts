// Slack channel: an incoming-webhook message ({ text }, mrkdwn).
import { alertHeadline, type AlertPayload } from "./alert-payload";
import { postJson } from "./post-json";
import type { AttemptResult } from "./retry-policy";

export function slackText(payload: AlertPayload): string {
  return `*${escapeSlack(alertHeadline(payload))}*\n${escapeSlack(payload.message)}`;
}

/** Slack treats &, < and > as control characters in message text. */
function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function sendSlack(channel: { url: string }, payload: AlertPayload, timeoutMs: number): Promise<AttemptResult> {
  return postJson(channel.url, JSON.stringify({ text: slackText(payload) }), {}, timeoutMs);
}
