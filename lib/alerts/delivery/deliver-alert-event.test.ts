import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db";
import { resetEnvCache } from "../../env";
import { metrics } from "../../metrics/metrics";
import { ensureDefaultOrg } from "../../org/default-org";
import { createRuleRow, startReceiver, startSmtpSink, useSmtp, type Receiver, type SmtpSink } from "../alert-test-support";
import { createTestAlertEvent } from "../fire-alert-event";
import { deliverAlertEvent } from "./deliver-alert-event";
import { verifyWebhookSignature } from "./webhook-signature";

let orgId: string;
let smtp: SmtpSink;
const receivers: Receiver[] = [];
const fast = { baseDelayMs: 60, timeoutMs: 2000 };

async function receiver(script?: (number | "hang")[]): Promise<Receiver> {
  const started = await startReceiver(script);
  receivers.push(started);
  return started;
}

/** The Subject header, unfolded and decoded from RFC 2047 Q-encoding (non-ASCII subjects come that way). */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? "";
  const words = header.split(/\r?\n[ \t]/).map((line) => line.trim());
  return words
    .map((word) => {
      const encoded = /^=\?UTF-8\?Q\?(.*)\?=$/i.exec(word)?.[1];
      if (encoded === undefined) return word;
      const bytes = encoded.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
      return decodeURIComponent(bytes);
    })
    .join("");
}

async function attemptsOf(eventId: string) {
  return db().alertDelivery.findMany({ where: { eventId }, orderBy: [{ createdAt: "asc" }, { attempt: "asc" }] });
}

async function deliveredCount(channel: string, status: string): Promise<number> {
  const metric = await metrics().alertDeliveries.get();
  return metric.values.find((v) => v.labels.channel === channel && v.labels.status === status)?.value ?? 0;
}

beforeAll(async () => {
  orgId = await ensureDefaultOrg();
  smtp = await startSmtpSink();
});
afterEach(() => {
  useSmtp(null);
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await smtp.close();
});

describe("deliverAlertEvent", () => {
  it("POSTs the alert as JSON signed with HMAC-SHA256 over the timestamp and the exact raw body", async () => {
    const hook = await receiver([204]);
    const rule = await createRuleRow({ orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [{ type: "webhook", url: hook.url, secret: "s3cret-signing-key" }] });
    const event = await createTestAlertEvent(rule, "Organization");
    const sentBefore = await deliveredCount("webhook", "sent");

    const outcome = await deliverAlertEvent({ event, rule, scopeName: "Organization", policy: fast });

    expect(outcome).toEqual([{ channelId: expect.any(String), type: "webhook", ok: true }]);
    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-tollgate-event"]).toBe("alert.test");
    expect(request.headers["x-tollgate-delivery"]).toBe(event.id);
    const signature = request.headers["x-tollgate-signature"] as string;
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    const timestamp = request.headers["x-tollgate-timestamp"] as string;
    expect(verifyWebhookSignature({ secret: "s3cret-signing-key", rawBody: request.rawBody, signature, timestamp })).toBe(true);
    expect(verifyWebhookSignature({ secret: "another-key-entirely", rawBody: request.rawBody, signature, timestamp })).toBe(false);
    expect(verifyWebhookSignature({ secret: "s3cret-signing-key", rawBody: request.rawBody + " ", signature, timestamp })).toBe(false);
    expect(JSON.parse(request.rawBody)).toMatchObject({ id: event.id, type: "alert.test", test: true, threshold: 5, rule: { id: rule.id, metric: "spend", scope: "org" } });

    const [attempt] = await attemptsOf(event.id);
    // The log never keeps the query string, where receivers often put tokens.
    expect(attempt).toMatchObject({ channelType: "webhook", attempt: 1, status: "success", httpStatus: 204, error: null, target: hook.url.split("?")[0] });
    expect(await deliveredCount("webhook", "sent")).toBe(sentBefore + 1);
  });

  it("sends no signature header when the webhook has no secret", async () => {
    const hook = await receiver();
    const rule = await createRuleRow({ orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [{ type: "webhook", url: hook.url }] });
    await deliverAlertEvent({ event: await createTestAlertEvent(rule, null), rule, scopeName: null, policy: fast });
    expect(hook.requests[0].headers["x-tollgate-signature"]).toBeUndefined();
    expect(hook.requests[0].headers["x-tollgate-timestamp"]).toMatch(/^\d+$/);
  });

  it("retries with growing backoff on a receiver that fails twice, then succeeds; every attempt is logged", async () => {
    const hook = await receiver([500, 503, 200]);
    const rule = await createRuleRow({ orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [{ type: "webhook", url: hook.url, secret: "retry-secret-123" }] });
    const event = await createTestAlertEvent(rule, null);
    const failedBefore = await deliveredCount("webhook", "failed");

    const [outcome] = await deliverAlertEvent({ event, rule, scopeName: null, policy: { ...fast, baseDelayMs: 100 } });

    expect(outcome.ok).toBe(true);
    expect(hook.requests.map((r) => r.headers["x-tollgate-attempt"])).toEqual(["1", "2", "3"]);
    // Equal jitter: the first wait is 50–100 ms, the second 100–200 ms.
    const [first, second, third] = hook.requests.map((r) => r.receivedAt);
    expect(second - first).toBeGreaterThanOrEqual(45);
    expect(third - second).toBeGreaterThanOrEqual(95);
    // Every attempt is signed afresh and carries the same alert id.
    for (const request of hook.requests) {
      expect(verifyWebhookSignature({ secret: "retry-secret-123", rawBody: request.rawBody, signature: request.headers["x-tollgate-signature"] as string, timestamp: request.headers["x-tollgate-timestamp"] as string })).toBe(true);
      expect(JSON.parse(request.rawBody).id).toBe(event.id);
    }
    const attempts = await attemptsOf(event.id);
    expect(attempts.map((a) => [a.attempt, a.status, a.httpStatus])).toEqual([
      [1, "failed", 500],
      [2, "failed", 503],
      [3, "success", 200],
    ]);
    expect(attempts[0].error).toContain("HTTP 500");
    expect(await deliveredCount("webhook", "failed")).toBe(failedBefore + 2);
  });

  it("does not retry a 4xx that a retry cannot fix, and gives up after the last attempt", async () => {
    const rejecting = await receiver([404]);
    const down = await receiver([502]);
    const rule = await createRuleRow({
      orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5],
      channels: [{ type: "webhook", url: rejecting.url }, { type: "webhook", url: down.url }],
    });
    const event = await createTestAlertEvent(rule, null);
    const outcome = await deliverAlertEvent({ event, rule, scopeName: null, policy: { ...fast, baseDelayMs: 10 } });
    expect(outcome.map((o) => o.ok)).toEqual([false, false]);
    expect(rejecting.requests).toHaveLength(1);
    expect(down.requests).toHaveLength(3);
  });

  it("a hanging channel times out without holding up the others", async () => {
    const hanging = await receiver(["hang"]);
    const healthy = await receiver([200]);
    const rule = await createRuleRow({
      orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5],
      channels: [{ type: "webhook", url: hanging.url }, { type: "webhook", url: healthy.url }],
    });
    const event = await createTestAlertEvent(rule, null);
    const started = Date.now();
    const outcome = await deliverAlertEvent({ event, rule, scopeName: null, policy: { attempts: 2, baseDelayMs: 10, timeoutMs: 400 } });

    expect(outcome.map((o) => o.ok)).toEqual([false, true]);
    expect(healthy.requests).toHaveLength(1);
    expect(healthy.requests[0].receivedAt - started).toBeLessThan(300);
    expect(hanging.requests).toHaveLength(2);
    const failed = (await attemptsOf(event.id)).filter((a) => a.status === "failed");
    expect(failed).toHaveLength(2);
    expect(failed[0].error).toMatch(/timeout|aborted/i);
  });

  it("e-mails through SMTP and logs the delivery", async () => {
    useSmtp(smtp.url);
    const rule = await createRuleRow({ orgId, name: "Mail rule", scope: "org", scopeId: orgId, metric: "error_rate", thresholds: [0.05], channels: [{ type: "email", to: "oncall@example.test" }] });
    const event = await createTestAlertEvent(rule, "Organization");
    const [outcome] = await deliverAlertEvent({ event, rule, scopeName: "Organization", policy: fast });

    expect(outcome).toMatchObject({ type: "email", ok: true });
    const message = smtp.messages.find((m) => m.raw.includes(event.id));
    expect(message?.to).toEqual(["oncall@example.test"]);
    expect(message?.from).toBe("alerts@tollgate.local");
    expect(subjectOf(message!.raw)).toMatch(/^\[Tollgate test\] Mail rule: Test alert for rule “Mail rule”/);
    expect(message?.raw).toContain("Test alert for rule");
    expect((await attemptsOf(event.id))[0]).toMatchObject({ channelType: "email", target: "oncall@example.test", status: "success" });
  });

  it("logs an e-mail delivery as failed, without retrying, when SMTP is not configured", async () => {
    const hook = await receiver();
    const rule = await createRuleRow({ orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [{ type: "email", to: "x@example.test" }, { type: "webhook", url: hook.url }] });
    const event = await createTestAlertEvent(rule, null);
    const outcome = await deliverAlertEvent({ event, rule, scopeName: null, policy: fast });
    expect(outcome.map((o) => o.ok)).toEqual([false, true]);
    const email = (await attemptsOf(event.id)).filter((a) => a.channelType === "email");
    expect(email).toHaveLength(1);
    expect(email[0].error).toContain("SMTP");
  });

  it("posts a { text } message to Slack", async () => {
    const slack = await receiver();
    // Slack URLs are https; the receiver is plain http, so the stored channel is patched after sealing.
    const rule = await createRuleRow({ orgId, name: "Slack <rule>", scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [{ type: "slack", url: "https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefXYZ" }] });
    const { encryptSecret } = await import("../../crypto/secret-box");
    const { tollgateSecret } = await import("../../crypto/tollgate-secret");
    const channels = JSON.parse(rule.channels);
    channels[0].encryptedUrl = encryptSecret(slack.url, tollgateSecret());
    const patched = await db().alertRule.update({ where: { id: rule.id }, data: { channels: JSON.stringify(channels) } });

    const event = await createTestAlertEvent(patched, null);
    const [outcome] = await deliverAlertEvent({ event, rule: patched, scopeName: null, policy: fast });
    expect(outcome.ok).toBe(true);
    const body = JSON.parse(slack.requests[0].rawBody);
    expect(Object.keys(body)).toEqual(["text"]);
    expect(body.text).toContain("*[Tollgate test] Slack &lt;rule&gt;*");
    expect((await attemptsOf(event.id))[0].target).toBe("https://hooks.slack.com/services/T01…/B04…/••••");
  });

  it("keeps the status and a short, cleaned excerpt of a refusal's body, however big or binary", async () => {
    // A megabyte of HTML with a NUL (PostgreSQL cannot store one), escape sequences and line breaks.
    const junk = `<html>\u0000\u001b[2J\r\n${"<p>internal detail</p>\n".repeat(50_000)}</html>`;
    const server = createServer((req, res) => req.resume().on("end", () => res.writeHead(400, { "content-type": "text/html" }).end(junk)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    receivers.push({ url: "", requests: [], close: () => new Promise((resolve) => server.close(() => resolve())) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const rule = await createRuleRow({ orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [{ type: "webhook", url }] });
    const event = await createTestAlertEvent(rule, null);

    const [outcome] = await deliverAlertEvent({ event, rule, scopeName: null, policy: fast });

    expect(outcome.ok).toBe(false);
    const [attempt] = await attemptsOf(event.id);
    expect(attempt).toMatchObject({ status: "failed", httpStatus: 400 });
    expect(attempt.error!.startsWith("HTTP 400: <html> [2J <p>internal detail</p> <p>")).toBe(true);
    expect(attempt.error!.length).toBeLessThanOrEqual("HTTP 400: ".length + 200);
    expect(attempt.error).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it("refuses a webhook on a refused address without sending or retrying, and says why", async () => {
    const hook = await receiver([200]);
    // Saved before the setting was turned on; `localhost` goes through the guarded DNS lookup.
    const local = { type: "webhook" as const, url: hook.url.replace("127.0.0.1", "localhost") };
    const metadata = { type: "webhook" as const, url: "http://127.0.0.1:9/later-patched" };
    const rule = await createRuleRow({ orgId, scope: "org", scopeId: orgId, metric: "spend", thresholds: [5], channels: [local, metadata] });
    const channels = JSON.parse(rule.channels);
    channels[1].url = "http://169.254.169.254/latest/meta-data/iam";
    const patched = await db().alertRule.update({ where: { id: rule.id }, data: { channels: JSON.stringify(channels) } });
    const event = await createTestAlertEvent(patched, null);
    process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
    resetEnvCache();

    const outcome = await deliverAlertEvent({ event, rule: patched, scopeName: null, policy: fast });

    expect(outcome.map((o) => o.ok)).toEqual([false, false]);
    expect(hook.requests).toHaveLength(0);
    const attempts = await attemptsOf(event.id);
    expect(attempts).toHaveLength(2);
    expect(attempts.map((a) => a.error).sort()).toEqual([
      expect.stringMatching(/^OutboundAddressBlockedError: Refused to connect to localhost: (127\.0\.0\.1|::1) is a loopback address/),
      "OutboundAddressBlockedError: Refused to connect: 169.254.169.254 is a cloud metadata service address.",
    ]);
  });
});
