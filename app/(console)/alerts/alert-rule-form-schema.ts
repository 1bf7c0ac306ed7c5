// The alert rule form's values (the rule as typed: thresholds as text in the metric's unit, channels
// as drafts) and its resolver: the draft is turned into the API's body and checked with the API's
// own schema, so the form refuses exactly what the route would, every problem at once, in words
// that match what the person typed (percent, not the fraction the API stores).
import { get, set, type FieldErrors, type Resolver } from "react-hook-form";
import { SCOPE_LABELS, THRESHOLD_UNITS } from "@/lib/alerts/metric-format";
import type { AlertMetric, AlertScope, AlertWindow } from "@/lib/alerts/alert-kinds";
import { ruleShapeIssues } from "@/lib/alerts/rule-shape";
import { createAlertRuleSchema } from "@/lib/alerts/schemas";
import { plainErrorMap, withLabel } from "@/lib/validation/plain-errors";
import type { CreateAlertRuleBody } from "./alerts-api";
import { channelBody, type ChannelDraft } from "./channel-drafts";

export interface RuleDraft {
  name: string;
  metric: AlertMetric;
  scope: AlertScope;
  scopeId: string;
  thresholds: string;
  window: AlertWindow;
  enabled: boolean;
  channels: ChannelDraft[];
}

export const RULE_FIELDS = ["name", "scope", "scopeId", "metric", "thresholds", "window", "channels", "enabled"] as const;
const LABELS = { scopeId: "Target" };

/** What a threshold may be, in the unit the form asks for (THRESHOLD_UNITS). */
const THRESHOLD_RULES: Record<AlertMetric, string> = {
  quota_usage: "Each threshold is a percent of the quota, above 0 and at most 1000",
  error_rate: "Each threshold is a percent of calls, above 0 and at most 100",
  spend: "Each threshold is a dollar amount above 0",
  latency_p95: "Each threshold is a number of milliseconds, above 0 and at most 3,600,000",
};

const thresholdParts = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

/** "80, 90 100" → [0.8, 0.9, 1]; anything unparsable becomes NaN, which the schema refuses. */
function parseThresholds(text: string, metric: AlertMetric): number[] {
  return thresholdParts(text).map((part) => THRESHOLD_UNITS[metric].toApi(Number(part.replace(/^\$|%$/g, ""))));
}

export function toBody(draft: RuleDraft): CreateAlertRuleBody {
  return {
    name: draft.name.trim(),
    metric: draft.metric,
    scope: draft.scope,
    scopeId: draft.scope === "org" || !draft.scopeId ? undefined : draft.scopeId,
    thresholds: parseThresholds(draft.thresholds, draft.metric),
    window: draft.metric === "quota_usage" ? null : draft.window,
    enabled: draft.enabled,
    channels: draft.channels.map(channelBody),
  };
}

function thresholdMessage(draft: RuleDraft): string {
  const unreadable = thresholdParts(draft.thresholds).find((part) => !Number.isFinite(Number(part.replace(/^\$|%$/g, ""))));
  return unreadable ? `“${unreadable}” is not a number: separate thresholds with commas, e.g. 80, 90` : THRESHOLD_RULES[draft.metric];
}

/** One threshold's problem belongs to the thresholds field; everything else keeps its path. */
function formPath(path: readonly PropertyKey[]): string {
  return path[0] === "thresholds" ? "thresholds" : path.map(String).join(".");
}

function formMessage(issue: { path: readonly PropertyKey[]; code: string; message: string }, draft: RuleDraft): string {
  if (issue.path[0] === "thresholds" && issue.path.length > 1) return thresholdMessage(draft);
  // The API says "scopeId is required for scope …"; the form names what to choose.
  if (issue.path[0] === "scopeId" && issue.code === "custom") return `Choose a ${SCOPE_LABELS[draft.scope].toLowerCase()}`;
  return withLabel(issue.message, issue.path, LABELS);
}

export const ruleResolver: Resolver<RuleDraft, unknown, CreateAlertRuleBody> = async (draft) => {
  const body = toBody(draft);
  const result = createAlertRuleSchema.safeParse(body, { error: plainErrorMap(LABELS) });
  if (result.success) return { values: body, errors: {} };
  // zod skips the schema's rule-shape check once a field has failed; the form wants every problem
  // at once, so it runs that check itself (a problem reported twice keeps its first message).
  const thresholds = Array.isArray(body.thresholds) ? body.thresholds : [];
  const shapeIssues = ruleShapeIssues({ ...body, thresholds }).map((issue) => ({ ...issue, code: "custom" }));
  const errors: FieldErrors<RuleDraft> = {};
  for (const issue of [...result.error.issues, ...shapeIssues]) {
    const path = formPath(issue.path);
    if (!get(errors, path)) set(errors, path, { type: issue.code, message: formMessage(issue, draft) });
  }
  return { values: {}, errors };
};
