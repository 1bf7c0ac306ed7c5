"use client";
// Paste or upload prompts, pick the model and who pays, see the cost, then start. The start button
// only works for the exact input that was estimated: any change asks for a new estimate first.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { nullableNumber } from "@/components/ui/form-dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input, Select, Textarea } from "@/components/ui/input";
import { errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { DEFAULT_WARMUP_CONCURRENCY, MAX_WARMUP_CONCURRENCY, type CreateWarmupInput, type WarmupFormat } from "@/lib/cache-warmup/schemas";
import { detectWarmupFormat } from "@/lib/cache-warmup/warmup-format";
import { WARMUP_FORM_LABELS, warmupBody, warmupFormSchema, type WarmupFormValues } from "@/lib/cache-warmup/warmup-form-schema";
import { formatNumber } from "@/lib/charts/format";
import { formatBytes } from "@/lib/charts/prepare-cache-stats";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { keysQuery } from "@/lib/query/keys";
import { playgroundModelsQuery } from "@/lib/query/models";
import type { Team } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { cacheKeys, estimateWarmup, startWarmup } from "./cache-api";
import { WarmupEstimateView } from "./warmup-estimate-view";

const FIELDS = ["model", "input", "prompts", "keyId", "teamId", "concurrency"];
const FORMAT_LABELS: Record<WarmupFormat, string> = { lines: "One prompt per line", jsonl: "JSONL (chat requests)", csv: "CSV (prompt column)" };
const DEFAULTS: WarmupFormValues = { text: "", format: "lines", model: "", concurrency: DEFAULT_WARMUP_CONCURRENCY, chargeTo: "me", teamId: "", keyId: "" };

export function WarmupForm({ teams, onStarted }: { teams: Team[]; onStarted: (id: string) => void }) {
  const models = useQuery(playgroundModelsQuery());
  const keys = useQuery(keysQuery({ status: "active" }));
  // Checked with the API's own field schemas: every problem shows at once, in plain words.
  const form = useZodForm(warmupFormSchema, { defaultValues: DEFAULTS, labels: WARMUP_FORM_LABELS });
  const values = useWatch({ control: form.control }) as WarmupFormValues;
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  // A new key empties the file input once its file has been sent or removed.
  const [fileInputKey, setFileInputKey] = useState(0);

  const body = warmupBody({ ...DEFAULTS, ...values });
  const signature = JSON.stringify(body);
  const estimate = useMutation({ mutationFn: (input: CreateWarmupInput) => estimateWarmup(input).then((result) => ({ result, signature: JSON.stringify(input) })) });
  const start = useInvalidatingMutation(startWarmup, [cacheKeys.warmups()], (created) => {
    estimate.reset();
    form.setValue("text", "");
    setFile(null);
    setFileInputKey((key) => key + 1);
    onStarted(created.id);
  });
  const current = estimate.data?.signature === signature ? estimate.data.result : null;
  const error = start.error ?? estimate.error;
  // The form's own check first; what only the server can find (bad lines, an unknown key) after.
  const fieldError = (formField: string, ...apiFields: string[]) => errorOf(form, formField) ?? [formField, ...apiFields].map((f) => fieldErrorOf(error, f)).find(Boolean);
  const chargeTo = values.chargeTo;
  const text = values.text ?? "";

  const readFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    const content = await chosen.text();
    setFile({ name: chosen.name, size: chosen.size });
    form.setValue("text", content, { shouldValidate: form.formState.isSubmitted });
    form.setValue("format", detectWarmupFormat(chosen.name, content));
  };

  const submit = form.handleSubmit((checked) => {
    const next = warmupBody(checked);
    if (current && JSON.stringify(next) === signature) start.mutate(next);
    else estimate.mutate(next);
  });

  return (
    <Card>
      <CardHeader title="Warm up the cache" description="Run prompts through the gateway now, so the answers are cached before your users ask. Each one is a normal call: charged, within quotas and rate limits." />
      <form
        className="space-y-4 p-4"
        noValidate
        data-testid="warmup-form"
        onSubmit={(event) => void submit(event)}
      >
        {formErrorOf(error, FIELDS) && <InlineAlert tone="error" testId="warmup-form-error">{formErrorOf(error, FIELDS)}</InlineAlert>}
        <Field id="warmup-text" label="Prompts" error={fieldError("text", "input", "input.text", "prompts")} hint="Paste them, or upload a .txt, .jsonl or .csv file.">
          {(control) =>
            file ? (
              <div className="flex flex-wrap items-center gap-3 rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="warmup-file">
                <span className="font-medium break-all text-slate-800">{file.name}</span>
                <span className="text-slate-500">
                  {formatBytes(file.size)} · {formatNumber(text.split(/\r?\n/).filter((line) => line.trim()).length)} lines
                </span>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    setFile(null);
                    form.setValue("text", "");
                    setFileInputKey((key) => key + 1);
                  }}
                >
                  Remove
                </Button>
              </div>
            ) : (
              <Textarea
                {...control}
                rows={6}
                placeholder={"How do I reset my password?\nWhat does the pro plan include?"}
                {...form.register("text", { onChange: (event) => form.setValue("format", detectWarmupFormat(null, String(event.target.value))) })}
                data-testid="warmup-text"
              />
            )
          }
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="warmup-file-input" label="Upload a file" optional>
            {(control) => (
              <Input
                {...control}
                key={fileInputKey}
                type="file"
                accept=".txt,.csv,.jsonl,.ndjson,text/plain,text/csv,application/x-ndjson"
                className="py-1.5 file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-xs file:font-medium"
                onChange={(event) => void readFile(event.target.files?.[0])}
                data-testid="warmup-file-input"
              />
            )}
          </Field>
          <Field id="warmup-format" label="Format" error={fieldError("format", "input.format")}>
            {(control) => (
              <Select {...control} {...form.register("format")} data-testid="warmup-format">
                {(Object.keys(FORMAT_LABELS) as WarmupFormat[]).map((value) => (
                  <option key={value} value={value}>
                    {FORMAT_LABELS[value]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="warmup-model" label="Model" error={fieldError("model")}>
            {(control) => (
              <Select {...control} {...form.register("model")} data-testid="warmup-model">
                <option value="">Choose a model</option>
                {models.data?.data.map((m) => (
                  <option key={m.id} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="warmup-concurrency" label="At once" hint={`1–${MAX_WARMUP_CONCURRENCY} calls in flight`} error={fieldError("concurrency")}>
            {(control) => <Input {...control} {...form.register("concurrency", nullableNumber)} type="number" min={1} max={MAX_WARMUP_CONCURRENCY} data-testid="warmup-concurrency" />}
          </Field>
        </div>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field id="warmup-charge" label="Charge to" hint="The cache stores the answers in the namespace of whoever is charged.">
            {(control) => (
              <Select {...control} {...form.register("chargeTo")} data-testid="warmup-charge">
                <option value="me">Me and my team (like my playground calls)</option>
                <option value="team">A team (with me as the caller)</option>
                <option value="key">A virtual key (its owner, team and limits)</option>
              </Select>
            )}
          </Field>
          {chargeTo === "team" && (
            <Field id="warmup-team" label="Team" error={fieldError("teamId")}>
              {(control) => (
                <Select {...control} {...form.register("teamId")} data-testid="warmup-team">
                  <option value="">Choose a team</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          {chargeTo === "key" && (
            <Field id="warmup-key" label="Key" error={fieldError("keyId")}>
              {(control) => (
                <Select {...control} {...form.register("keyId")} data-testid="warmup-key">
                  <option value="">Choose a key</option>
                  {keys.data?.data.map((key) => (
                    <option key={key.id} value={key.id}>
                      {key.name} ({key.prefix}…, {key.userEmail})
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
        </div>
        {current && <WarmupEstimateView estimate={current} />}
        {estimate.data && !current && <p className="text-xs text-amber-700">The input changed since the estimate: estimate again before starting.</p>}
        <div className="flex flex-wrap justify-end gap-2">
          {current ? (
            <>
              <Button onClick={() => void form.handleSubmit((checked) => estimate.mutate(warmupBody(checked)))()} pending={estimate.isPending}>
                Estimate again
              </Button>
              <Button type="submit" variant="primary" pending={start.isPending} data-testid="warmup-start">
                Start warm-up ({formatNumber(current.total)} {current.total === 1 ? "prompt" : "prompts"})
              </Button>
            </>
          ) : (
            <Button type="submit" variant="primary" pending={estimate.isPending} data-testid="warmup-estimate-button">
              Estimate cost
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
