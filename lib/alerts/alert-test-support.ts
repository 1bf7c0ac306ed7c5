// Test helpers for alerts (imported only by *.test.ts): a real HTTP receiver that records what it
// gets and answers as scripted, a local SMTP sink, and a rule created straight in the database.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { db } from "../db";
import { resetEnvCache } from "../env";
import type { AlertMetric, AlertScope, AlertWindow } from "./alert-kinds";
import type { ChannelInput } from "./schemas";
import { forgetCachedAlertRules } from "./rule-cache";
import { resolveChannels } from "./stored-channels";

export interface ReceivedRequest {
  rawBody: string;
  headers: IncomingHttpHeaders;
  receivedAt: number;
}

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Answers each request with the next scripted status (the last one repeats), or never answers when
 * the script says "hang". Every request is recorded before it is answered.
 */
export async function startReceiver(script: (number | "hang")[] = [200]): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({ rawBody: Buffer.concat(chunks).toString("utf8"), headers: req.headers, receivedAt: Date.now() });
      const answer = script[Math.min(requests.length - 1, script.length - 1)];
      if (answer === "hang") return;
      res.statusCode = answer;
      res.end(answer < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook?token=abc`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SmtpSink {
  url: string;
  messages: { from: string; to: string[]; raw: string }[];
  close(): Promise<void>;
}

/** A local SMTP server that accepts any message (no TLS, no auth) and keeps it. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink["messages"] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const envelope = session.envelope;
        messages.push({
          from: envelope.mailFrom ? envelope.mailFrom.address : "",
          to: envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Points e-mail alerts at `url` (or turns SMTP off with null) for the code under test. */
export function useSmtp(url: string | null): void {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  delete process.env.SMTP_HOST;
  resetEnvCache();
}

/** A rule written straight to the database, for evaluator and delivery tests. */
export async function createRuleRow(options: {
  orgId: string;
  name?: string;
  scope: AlertScope;
  scopeId: string;
  metric: AlertMetric;
  thresholds: number[];
  window?: AlertWindow | null;
  channels: ChannelInput[];
  enabled?: boolean;
}) {
  const row = await db().alertRule.create({
    data: {
      orgId: options.orgId,
      name: options.name ?? `rule ${options.metric}`,
      scope: options.scope,
      scopeId: options.scopeId,
      metric: options.metric,
      thresholds: JSON.stringify(options.thresholds),
      window: options.metric === "quota_usage" ? null : (options.window ?? "1h"),
      channels: JSON.stringify(resolveChannels(options.channels)),
      enabled: options.enabled ?? true,
    },
  });
  forgetCachedAlertRules();
  return row;
}
