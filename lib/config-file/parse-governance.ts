// Quotas, rate limits and alert rules of the file: the admin API's bodies (upsertQuotaSchema,
// upsertRateLimitSchema, createAlertRuleSchema) with `scopeName` (a team's name, a user's e-mail,
// a key's name, a tier) allowed instead of `scopeId`.
import { DEFAULT_ALERT_WINDOW } from "../alerts/alert-kinds";
import { createAlertRuleSchema } from "../alerts/schemas";
import { upsertQuotaSchema } from "../quotas/schemas";
import { upsertRateLimitSchema } from "../rate-limits/schemas";
import type { AlertRuleSpec, ChannelSpec, FileItem, QuotaSpec, RateLimitSpec } from "./config-types";
import { checkKeys, checkOutboundUrl, isRecord, parseWith, readScopeTarget, renameField, type ItemContext } from "./parse-helpers";
import type { PathPart } from "./yaml-source";

const withScopeName = (keys: string[]) => [...keys, "scopeName"];
const QUOTA_KEYS = withScopeName(Object.keys(upsertQuotaSchema.shape));
const RATE_LIMIT_KEYS = withScopeName(Object.keys(upsertRateLimitSchema.shape));
const ALERT_RULE_KEYS = withScopeName(Object.keys(createAlertRuleSchema.shape));
/** A channel's fields in the file: the API's, without `id` (the stored channel it keeps; the file replaces channels whole). */
const CHANNEL_KEYS: Record<string, string[]> = { webhook: ["type", "url", "secret"], slack: ["type", "url"], email: ["type", "to"] };

export function parseQuota(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): FileItem<QuotaSpec> | null {
  if (!checkKeys(context, item, QUOTA_KEYS, path)) return null;
  const scoped = readScopeTarget(context, item, path);
  if (!scoped) return null;
  const { scopeName: _name, ...rest } = item;
  const parsed = parseWith(context, upsertQuotaSchema, { ...rest, scopeId: scoped.scopeId ?? "org" }, path, renameField("scopeId", scoped.idField));
  if (!parsed) return null;
  return { path, spec: { target: scoped.target, period: parsed.period, maxCalls: parsed.maxCalls ?? null, maxTokens: parsed.maxTokens ?? null, maxCost: parsed.maxCost ?? null } };
}

export function parseRateLimit(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): FileItem<RateLimitSpec> | null {
  if (!checkKeys(context, item, RATE_LIMIT_KEYS, path)) return null;
  const scoped = readScopeTarget(context, item, path);
  if (!scoped) return null;
  const { scopeName: _name, ...rest } = item;
  const parsed = parseWith(context, upsertRateLimitSchema, { ...rest, scopeId: scoped.scopeId ?? "org" }, path, renameField("scopeId", scoped.idField));
  if (!parsed) return null;
  return { path, spec: { target: scoped.target, rpm: parsed.rpm ?? null, tpm: parsed.tpm ?? null } };
}

function checkChannels(context: ItemContext, raw: unknown, path: PathPart[]): boolean {
  if (!Array.isArray(raw)) return true; // the schema reports it
  let ok = true;
  raw.forEach((channel, i) => {
    if (!isRecord(channel) || typeof channel.type !== "string" || !CHANNEL_KEYS[channel.type]) return;
    ok = checkKeys(context, channel, CHANNEL_KEYS[channel.type], [...path, i]) && ok;
    if (channel.type === "slack" && channel.url === undefined) {
      context.issues.push(context.source.issue([...path, i, "url"], "the Slack incoming-webhook URL is required, as a reference such as ${SLACK_WEBHOOK_URL}."));
      ok = false;
    }
  });
  return ok;
}

export function parseAlertRule(context: ItemContext, item: Record<string, unknown>, path: PathPart[]): FileItem<AlertRuleSpec> | null {
  if (!checkKeys(context, item, ALERT_RULE_KEYS, path) || !checkChannels(context, item.channels, [...path, "channels"])) return null;
  const scoped = readScopeTarget(context, item, path);
  if (!scoped) return null;
  const { scopeName: _name, ...rest } = item;
  const parsed = parseWith(context, createAlertRuleSchema, { ...rest, scopeId: scoped.scopeId }, path, renameField("scopeId", scoped.idField));
  if (!parsed) return null;
  const urls = parsed.channels.map((c, i) => c.type === "email" || checkOutboundUrl(context, c.url, [...path, "channels", i, "url"]));
  if (urls.includes(false)) return null;
  const channels = parsed.channels.map((c): ChannelSpec =>
    c.type === "webhook" ? { type: "webhook", url: c.url, secret: c.secret ?? null } : c.type === "slack" ? { type: "slack", url: c.url ?? "" } : { type: "email", to: c.to },
  );
  // As the alert API stores it: quota_usage rules follow the quota's period, the others default to 1h.
  const window = parsed.metric === "quota_usage" ? null : (parsed.window ?? DEFAULT_ALERT_WINDOW);
  return { path, spec: { name: parsed.name, target: scoped.target, metric: parsed.metric, thresholds: parsed.thresholds, window, channels, enabled: parsed.enabled } };
}
