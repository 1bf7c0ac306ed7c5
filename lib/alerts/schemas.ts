// Alerts: request and response contracts for the admin API, the console and the OpenAPI document.
// Secrets go in (a webhook's signing secret, a Slack incoming-webhook URL) and never come out.
import { z } from "zod";
import { managedBySchema } from "../config-file/managed-by";
import { idSchema, isoDateParam, isoDateTime, listResponseSchema, paginationQuery } from "../http/list-schemas";
import { ALERT_METRICS, ALERT_SCOPES, ALERT_WINDOWS, CHANNEL_TYPES } from "./alert-kinds";
import { ruleShapeIssues } from "./rule-shape";

const httpUrl = z.url({ protocol: /^https?$/, error: "Must be an http:// or https:// URL" }).max(2000);
/** Refers to a channel already stored on the rule, to keep its secret / Slack URL on an update. */
const channelId = z.string().trim().min(1).max(32);

const webhookChannelInput = z.object({
  id: channelId.optional(),
  type: z.literal("webhook"),
  url: httpUrl,
  /** HMAC-SHA256 signing key. On update: omit to keep the stored one (needs `id`), null to remove. */
  secret: z.string().min(8, "Secret must be at least 8 characters").max(500).nullable().optional(),
});
const slackChannelInput = z.object({
  id: channelId.optional(),
  type: z.literal("slack"),
  /** The incoming-webhook URL (it is a credential: stored encrypted). On update: omit to keep (needs `id`). */
  url: z.url({ protocol: /^https$/, error: "Must be an https:// URL" }).max(2000).optional(),
});
const emailChannelInput = z.object({
  id: channelId.optional(),
  type: z.literal("email"),
  to: z.email().max(254),
});
export const channelInputSchema = z.discriminatedUnion("type", [webhookChannelInput, slackChannelInput, emailChannelInput]);
const channelsInput = z.array(channelInputSchema).min(1, "Add at least one channel").max(10, "At most 10 channels");

/** One number or a list; stored as a sorted list without duplicates. */
const thresholdsInput = z
  .union([z.number(), z.array(z.number()).min(1, "Give at least one threshold").max(10, "At most 10 thresholds")])
  .transform((value) => [...new Set(Array.isArray(value) ? value : [value])].sort((a, b) => a - b));

const ruleName = z.string().trim().min(1, "Name is required").max(100);

const ruleFields = {
  name: ruleName,
  scope: z.enum(ALERT_SCOPES),
  /** The key, user or team id; for scope "org" it may be omitted (the caller's organization). */
  scopeId: idSchema.optional(),
  metric: z.enum(ALERT_METRICS),
  /** Fractions of the quota (quota_usage), dollars (spend), a fraction (error_rate) or milliseconds (latency_p95). */
  thresholds: thresholdsInput,
  /** Evaluation window of spend / error_rate / latency_p95 (default 1h); not used by quota_usage. */
  window: z.enum(ALERT_WINDOWS).nullable().optional(),
  channels: channelsInput,
  enabled: z.boolean().default(true),
};

export const createAlertRuleSchema = z.object(ruleFields).superRefine((rule, context) => {
  for (const issue of ruleShapeIssues(rule)) context.addIssue({ code: "custom", ...issue });
});

/** Every field optional; the merged rule is checked again (rule-shape) before it is saved. */
export const updateAlertRuleSchema = z.object({
  name: ruleName.optional(),
  scope: z.enum(ALERT_SCOPES).optional(),
  scopeId: idSchema.optional(),
  metric: z.enum(ALERT_METRICS).optional(),
  thresholds: thresholdsInput.optional(),
  window: z.enum(ALERT_WINDOWS).nullable().optional(),
  channels: channelsInput.optional(),
  enabled: z.boolean().optional(),
});

export const listAlertRulesQuerySchema = z.object({
  metric: z.enum(ALERT_METRICS).optional(),
  scope: z.enum(ALERT_SCOPES).optional(),
  ...paginationQuery,
});

export const listAlertsQuerySchema = z.object({
  ruleId: idSchema.optional(),
  from: isoDateParam.optional(),
  to: isoDateParam.optional(),
  page: paginationQuery.page,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const publicChannelSchema = z.discriminatedUnion("type", [
  z.object({ id: z.string(), type: z.literal("webhook"), url: z.string(), hasSecret: z.boolean() }),
  /** `url` is masked ("https://hooks.slack.com/services/T…/B…/••••"): the full URL is a credential. */
  z.object({ id: z.string(), type: z.literal("slack"), url: z.string() }),
  z.object({ id: z.string(), type: z.literal("email"), to: z.string() }),
]);

export const alertRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  scope: z.enum(ALERT_SCOPES),
  scopeId: z.string(),
  /** The key's or team's name, the user's e-mail, "Organization"; null when the target is gone. */
  scopeName: z.string().nullable(),
  metric: z.enum(ALERT_METRICS),
  thresholds: z.array(z.number()),
  window: z.enum(ALERT_WINDOWS).nullable(),
  channels: z.array(publicChannelSchema),
  enabled: z.boolean(),
  /** When a real (non-test) alert of this rule last fired. */
  lastFiredAt: isoDateTime.nullable(),
  /** "config-file" when the configuration file owns it (changes here are refused with 409); null = managed here */
  managedBy: managedBySchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export const alertRuleListSchema = listResponseSchema(alertRuleSchema);

export const alertDeliverySchema = z.object({
  id: idSchema,
  channelType: z.enum(CHANNEL_TYPES),
  /** URL without query string, masked Slack URL, or e-mail address */
  target: z.string(),
  attempt: z.number().int(),
  status: z.enum(["success", "failed"]),
  httpStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: isoDateTime,
});

export const alertEventSchema = z.object({
  id: idSchema,
  ruleId: idSchema,
  ruleName: z.string(),
  metric: z.enum(ALERT_METRICS),
  threshold: z.number(),
  value: z.number(),
  /** "daily:2026-11-23" (quota period), "1h:2026-11-23T14:00:00.000Z" (window bucket), "test:…" */
  periodKey: z.string(),
  message: z.string(),
  test: z.boolean(),
  /** delivered: every channel succeeded; failed: none did; partial: some did; pending: no attempt yet */
  status: z.enum(["delivered", "partial", "failed", "pending"]),
  deliveries: z.array(alertDeliverySchema),
  createdAt: isoDateTime,
});
export const alertEventListSchema = listResponseSchema(alertEventSchema);

export type CreateAlertRuleInput = z.output<typeof createAlertRuleSchema>;
export type UpdateAlertRuleInput = z.output<typeof updateAlertRuleSchema>;
export type ChannelInput = z.output<typeof channelInputSchema>;
export type ListAlertRulesQuery = z.output<typeof listAlertRulesQuerySchema>;
export type ListAlertsQuery = z.output<typeof listAlertsQuerySchema>;
export type PublicChannel = z.infer<typeof publicChannelSchema>;
export type AlertRule = z.infer<typeof alertRuleSchema>;
export type AlertDelivery = z.infer<typeof alertDeliverySchema>;
export type AlertEvent = z.infer<typeof alertEventSchema>;
