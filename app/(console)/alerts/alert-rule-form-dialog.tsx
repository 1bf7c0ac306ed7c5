"use client";
// Create and edit an alert rule. Thresholds are typed in the unit people think in (percent of the
// quota, dollars, percent of calls, milliseconds) and converted to the API's values on submit.
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { METRIC_LABELS, SCOPE_LABELS, THRESHOLD_UNITS } from "@/lib/alerts/metric-format";
import { ALERT_METRICS, ALERT_SCOPES, ALERT_WINDOWS, createAlertRuleSchema, DEFAULT_ALERT_WINDOW, updateAlertRuleSchema, type AlertMetric, type AlertRule, type AlertScope, type AlertWindow } from "@/lib/alerts/schemas";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { assertValid } from "@/lib/query/validate";
import { alertKeys, createAlertRule, updateAlertRule, type CreateAlertRuleBody } from "./alerts-api";
import { channelBody, draftFromChannel, emptyChannel, type ChannelDraft } from "./channel-drafts";
import { ChannelListEditor } from "./channel-list-editor";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";

const FIELDS = ["name", "scope", "scopeId", "metric", "thresholds", "window", "channels", "enabled"];

const THRESHOLD_HINTS: Record<AlertMetric, string> = {
  quota_usage: "Percent of the quota, e.g. 80, 90, 100. Each fires once per quota period.",
  spend: "Dollars spent in the window, e.g. 50, 100.",
  error_rate: "Percent of calls that failed in the window, e.g. 5, 20.",
  latency_p95: "Milliseconds, e.g. 2000.",
};

const DEFAULT_THRESHOLDS: Record<AlertMetric, string> = { quota_usage: "80, 90, 100", spend: "", error_rate: "5", latency_p95: "" };

interface RuleDraft {
  name: string;
  metric: AlertMetric;
  scope: AlertScope;
  scopeId: string;
  thresholds: string;
  window: AlertWindow;
  enabled: boolean;
  channels: ChannelDraft[];
}

function initialDraft(rule: AlertRule | null): RuleDraft {
  if (!rule) {
    return { name: "", metric: "quota_usage", scope: "key", scopeId: "", thresholds: DEFAULT_THRESHOLDS.quota_usage, window: DEFAULT_ALERT_WINDOW, enabled: true, channels: [emptyChannel()] };
  }
  const unit = THRESHOLD_UNITS[rule.metric];
  return {
    name: rule.name,
    metric: rule.metric,
    scope: rule.scope,
    scopeId: rule.scope === "org" ? "" : rule.scopeId,
    thresholds: rule.thresholds.map(unit.fromApi).join(", "),
    window: rule.window ?? DEFAULT_ALERT_WINDOW,
    enabled: rule.enabled,
    channels: rule.channels.map(draftFromChannel),
  };
}

/** "80, 90 100" → [0.8, 0.9, 1]; anything unparsable becomes NaN so validation names its position. */
function parseThresholds(text: string, metric: AlertMetric): number[] {
  return text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((part) => THRESHOLD_UNITS[metric].toApi(Number(part.replace(/^\$|%$/g, ""))));
}

function toBody(draft: RuleDraft): CreateAlertRuleBody {
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

/** Mounted only while open (the page renders it conditionally), so every opening starts from the rule. */
export function AlertRuleFormDialog({ rule, onClose }: { rule: AlertRule | null; onClose: () => void }) {
  const toast = useToast();
  const [draft, setDraft] = useState(() => initialDraft(rule));
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const save = useInvalidatingMutation(
    (submitted: RuleDraft) => {
      const body = toBody(submitted);
      if (!rule) {
        assertValid(createAlertRuleSchema, body);
        return createAlertRule(body);
      }
      assertValid(updateAlertRuleSchema, body);
      return updateAlertRule(rule.id, body);
    },
    [alertKeys.all],
    (saved) => {
      onClose();
      toast(rule ? `Alert rule “${saved.name}” saved` : `Alert rule “${saved.name}” created`);
    },
  );
  const error = save.error;
  const unit = THRESHOLD_UNITS[draft.metric];

  return (
    <FormDialog
      open
      onClose={onClose}
      title={rule ? `Edit ${rule.name}` : "New alert rule"}
      submitLabel={rule ? "Save changes" : "Create rule"}
      pending={save.isPending}
      formError={formErrorOf(error, FIELDS)}
      onSubmit={() => save.mutate(draft)}
      testId="alert-rule-form"
      size="lg"
    >
      <Field id="alert-rule-name" label="Name" error={fieldErrorOf(error, "name")}>
        {(control) => <Input {...control} value={draft.name} onChange={(e) => set("name", e.target.value)} autoComplete="off" autoFocus placeholder="e.g. CI key near its quota" />}
      </Field>
      <div className="grid grid-cols-2 gap-4">
        <Field id="alert-rule-metric" label="Metric" error={fieldErrorOf(error, "metric")}>
          {(control) => (
            <Select
              {...control}
              value={draft.metric}
              // Thresholds mean something else for every metric: start from that metric's example.
              onChange={(e) => setDraft((current) => ({ ...current, metric: e.target.value as AlertMetric, thresholds: DEFAULT_THRESHOLDS[e.target.value as AlertMetric] }))}
            >
              {ALERT_METRICS.map((metric) => (
                <option key={metric} value={metric}>
                  {METRIC_LABELS[metric]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {draft.metric === "quota_usage" ? (
          <div className="space-y-1.5">
            <span className="block text-sm font-medium text-slate-700">Period</span>
            <p className="flex h-9 items-center text-sm text-slate-600">The quota’s own (day, month or total)</p>
          </div>
        ) : (
          <Field id="alert-rule-window" label="Window" error={fieldErrorOf(error, "window")}>
            {(control) => (
              <Select {...control} value={draft.window} onChange={(e) => set("window", e.target.value as AlertWindow)}>
                {ALERT_WINDOWS.map((window) => (
                  <option key={window} value={window}>
                    {window}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <Field id="alert-rule-scope" label="Scope" error={fieldErrorOf(error, "scope")}>
          {(control) => (
            <Select {...control} value={draft.scope} onChange={(e) => setDraft((current) => ({ ...current, scope: e.target.value as AlertScope, scopeId: "" }))}>
              {ALERT_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {SCOPE_LABELS[scope]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <ScopeTargetSelect id="alert-rule-target" scope={draft.scope} value={draft.scopeId} onChange={(scopeId) => set("scopeId", scopeId)} error={error} />
      </div>
      <Field id="alert-rule-thresholds" label={`Thresholds (${unit.suffix})`} error={fieldErrorOf(error, "thresholds")} hint={THRESHOLD_HINTS[draft.metric]}>
        {(control) => <Input {...control} value={draft.thresholds} onChange={(e) => set("thresholds", e.target.value)} autoComplete="off" inputMode="decimal" />}
      </Field>
      <ChannelListEditor channels={draft.channels} onChange={(channels) => set("channels", channels)} error={error} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <Checkbox checked={draft.enabled} onChange={(e) => set("enabled", e.target.checked)} data-testid="alert-rule-enabled" />
        Enabled (evaluated every few seconds)
      </label>
    </FormDialog>
  );
}
