// Creating, changing and deleting alert rules.
import type { DbClient } from "../db";
import { db } from "../db";
import { ValidationError } from "../http/errors";
import { rethrowAs } from "../http/prisma-errors";
import { forgetCachedAlertRules } from "./rule-cache";
import { getAlertRuleOrThrow, getAlertRuleRowOrThrow, presentRule } from "./rule-queries";
import { resolveScopeTarget } from "./rule-scope";
import { ruleShapeIssues } from "./rule-shape";
import { DEFAULT_ALERT_WINDOW, type AlertMetric, type AlertScope, type AlertWindow } from "./alert-kinds";
import type { AlertRule, CreateAlertRuleInput, UpdateAlertRuleInput } from "./schemas";
import { isSmtpConfigured, SMTP_NOT_CONFIGURED } from "./smtp-config";
import { parseStoredChannels, resolveChannels, type StoredChannel } from "./stored-channels";

/** E-mail channels cannot work without SMTP: refuse them up front rather than fail every alert. */
function assertChannelsDeliverable(channels: StoredChannel[]): void {
  const email = channels.findIndex((channel) => channel.type === "email");
  if (email !== -1 && !isSmtpConfigured()) throw new ValidationError(`channels.${email}.to: ${SMTP_NOT_CONFIGURED}`, `channels.${email}.to`);
}

/** Windowed metrics default to 1h; quota_usage follows the quota's period and stores no window. */
function storedWindow(metric: AlertMetric, window: AlertWindow | null | undefined): AlertWindow | null {
  return metric === "quota_usage" ? null : (window ?? DEFAULT_ALERT_WINDOW);
}

export async function createAlertRule(options: { orgId: string; input: CreateAlertRuleInput; client?: DbClient }): Promise<AlertRule> {
  const client = options.client ?? db();
  const { input, orgId } = options;
  const scopeId = await resolveScopeTarget({ orgId, scope: input.scope, scopeId: input.scopeId, client });
  const channels = resolveChannels(input.channels);
  assertChannelsDeliverable(channels);
  const row = await client.alertRule.create({
    data: {
      orgId,
      name: input.name,
      scope: input.scope,
      scopeId,
      metric: input.metric,
      thresholds: JSON.stringify(input.thresholds),
      window: storedWindow(input.metric, input.window),
      channels: JSON.stringify(channels),
      enabled: input.enabled,
    },
  });
  forgetCachedAlertRules();
  return presentRule(row, client);
}

/** Applies a partial update; the rule as it will be is validated as a whole (threshold ranges, window, scope). */
export async function updateAlertRule(options: { orgId: string; id: string; input: UpdateAlertRuleInput; client?: DbClient }): Promise<AlertRule> {
  const client = options.client ?? db();
  const { input, orgId } = options;
  const row = await getAlertRuleRowOrThrow({ orgId, id: options.id, client });
  const scope = input.scope ?? (row.scope as AlertScope);
  // A new scope needs its own target; keeping the scope keeps the target unless a new one is given.
  const requestedScopeId = input.scopeId ?? (scope === row.scope ? row.scopeId : undefined);
  const metric = input.metric ?? (row.metric as AlertMetric);
  const thresholds = input.thresholds ?? (JSON.parse(row.thresholds) as number[]);
  const window = input.window !== undefined ? input.window : metric === "quota_usage" ? null : (row.window as AlertWindow | null);
  const issue = ruleShapeIssues({ scope, scopeId: scope === "org" ? orgId : requestedScopeId, metric, thresholds, window })[0];
  if (issue) {
    const field = issue.path.join(".");
    throw new ValidationError(`${field}: ${issue.message}`, field);
  }
  const scopeId = await resolveScopeTarget({ orgId, scope, scopeId: requestedScopeId, client });
  let channels: StoredChannel[] | undefined;
  if (input.channels) {
    channels = resolveChannels(input.channels, parseStoredChannels(row.channels));
    assertChannelsDeliverable(channels);
  }
  const updated = await client.alertRule
    .update({
      where: { id: row.id, orgId },
      data: {
        name: input.name,
        scope,
        scopeId,
        metric,
        thresholds: JSON.stringify(thresholds),
        window: storedWindow(metric, window),
        ...(channels ? { channels: JSON.stringify(channels) } : {}),
        enabled: input.enabled,
      },
    })
    .catch(rethrowAs({ notFound: `Alert rule ${options.id} not found.` }));
  forgetCachedAlertRules();
  return presentRule(updated, client);
}

/** Deletes a rule with its alert history (events and deliveries cascade). */
export async function deleteAlertRule(options: { orgId: string; id: string; client?: DbClient }): Promise<AlertRule> {
  const client = options.client ?? db();
  const rule = await getAlertRuleOrThrow(options);
  await client.alertRule.delete({ where: { id: rule.id } }).catch(rethrowAs({ notFound: `Alert rule ${options.id} not found.` }));
  forgetCachedAlertRules();
  return rule;
}
