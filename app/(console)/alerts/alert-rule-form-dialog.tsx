"use client";
// Create and edit an alert rule. Thresholds are typed in the unit people think in (percent of the
// quota, dollars, percent of calls, milliseconds) and converted to the API's values on submit.
import { useController, useForm, useWatch } from "react-hook-form";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";
import { Field } from "@/components/ui/field";
import { FormDialog } from "@/components/ui/form-dialog";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf } from "@/components/ui/use-zod-form";
import { METRIC_LABELS, SCOPE_LABELS, THRESHOLD_UNITS } from "@/lib/alerts/metric-format";
import { ALERT_METRICS, ALERT_SCOPES, ALERT_WINDOWS, DEFAULT_ALERT_WINDOW, type AlertMetric } from "@/lib/alerts/alert-kinds";
import type { AlertRule } from "@/lib/alerts/schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { alertKeys, createAlertRule, updateAlertRule, type CreateAlertRuleBody } from "./alerts-api";
import { RULE_FIELDS, ruleResolver, type RuleDraft } from "./alert-rule-form-schema";
import { draftFromChannel, emptyChannel, type ChannelDraft } from "./channel-drafts";
import { ChannelListEditor } from "./channel-list-editor";

const THRESHOLD_HINTS: Record<AlertMetric, string> = {
  quota_usage: "Percent of the quota, e.g. 80, 90, 100. Each fires once per quota period.",
  spend: "Dollars spent in the window, e.g. 50, 100.",
  error_rate: "Percent of calls that failed in the window, e.g. 5, 20.",
  latency_p95: "Milliseconds, e.g. 2000.",
};

const DEFAULT_THRESHOLDS: Record<AlertMetric, string> = { quota_usage: "80, 90, 100", spend: "", error_rate: "5", latency_p95: "" };

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

/** Mounted only while open (the page renders it conditionally), so every opening starts from the rule. */
export function AlertRuleFormDialog({ rule, onClose }: { rule: AlertRule | null; onClose: () => void }) {
  const toast = useToast();
  // The form holds the rule as typed; the resolver converts it to the API's body and checks that
  // with the API's own schema, naming every problem at once (alert-rule-form-schema.ts).
  const form = useForm<RuleDraft, unknown, CreateAlertRuleBody>({ resolver: ruleResolver, defaultValues: initialDraft(rule), mode: "onSubmit", reValidateMode: "onChange" });
  const target = useController({ control: form.control, name: "scopeId" });
  const channels = useController({ control: form.control, name: "channels" });
  const [metric, scope] = useWatch({ control: form.control, name: ["metric", "scope"] });
  const save = useInvalidatingMutation(
    (body: CreateAlertRuleBody) => (rule ? updateAlertRule(rule.id, body) : createAlertRule(body)),
    [alertKeys.all],
    (saved) => {
      onClose();
      toast(rule ? `Alert rule “${saved.name}” saved` : `Alert rule “${saved.name}” created`);
    },
  );
  const submit = form.handleSubmit((body) => save.mutate(body, { onError: (error) => applyServerError(form, error, RULE_FIELDS, {}, ["channels"]) }));
  const unit = THRESHOLD_UNITS[metric];

  return (
    <FormDialog
      onClose={onClose}
      title={rule ? `Edit ${rule.name}` : "New alert rule"}
      submitLabel={rule ? "Save changes" : "Create rule"}
      pending={save.isPending}
      formError={formErrorOf(save.error, RULE_FIELDS)}
      onSubmit={submit}
      testId="alert-rule-form"
      size="lg"
    >
      <Field id="alert-rule-name" label="Name" error={errorOf(form, "name")}>
        {(control) => <Input {...control} {...form.register("name")} autoComplete="off" autoFocus placeholder="e.g. CI key near its quota" />}
      </Field>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Field id="alert-rule-metric" label="Metric" error={errorOf(form, "metric")}>
          {(control) => (
            <Select
              {...control}
              {...form.register("metric", {
                // Thresholds mean something else for every metric: start from that metric's example.
                onChange: (event: { target: { value: string } }) => form.setValue("thresholds", DEFAULT_THRESHOLDS[event.target.value as AlertMetric]),
              })}
            >
              {ALERT_METRICS.map((option) => (
                <option key={option} value={option}>
                  {METRIC_LABELS[option]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        {metric === "quota_usage" ? (
          <div className="space-y-1.5">
            <span className="block text-sm font-medium text-slate-700">Period</span>
            <p className="flex h-9 items-center text-sm text-slate-600">The quota’s own (day, month or total)</p>
          </div>
        ) : (
          <Field id="alert-rule-window" label="Window" error={errorOf(form, "window")}>
            {(control) => (
              <Select {...control} {...form.register("window")}>
                {ALERT_WINDOWS.map((window) => (
                  <option key={window} value={window}>
                    {window}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        )}
        <Field id="alert-rule-scope" label="Scope" error={errorOf(form, "scope")}>
          {(control) => (
            <Select {...control} {...form.register("scope", { onChange: () => form.setValue("scopeId", "") })}>
              {ALERT_SCOPES.map((option) => (
                <option key={option} value={option}>
                  {SCOPE_LABELS[option]}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <ScopeTargetSelect id="alert-rule-target" scope={scope} value={target.field.value} onChange={target.field.onChange} error={errorOf(form, "scopeId")} />
      </div>
      <Field id="alert-rule-thresholds" label={`Thresholds (${unit.suffix})`} error={errorOf(form, "thresholds")} hint={THRESHOLD_HINTS[metric]}>
        {(control) => <Input {...control} {...form.register("thresholds")} autoComplete="off" inputMode="decimal" />}
      </Field>
      <ChannelListEditor channels={channels.field.value} onChange={(next: ChannelDraft[]) => channels.field.onChange(next)} errorOf={(path) => errorOf(form, path)} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <Checkbox {...form.register("enabled")} data-testid="alert-rule-enabled" />
        Enabled (evaluated every few seconds)
      </label>
    </FormDialog>
  );
}
