"use client";
// The cache settings form: react-hook-form with the very zod schema PUT /api/admin/cache/settings
// parses, so every field's problem shows at once, next to the field, before anything is sent; a
// refusal the server still finds (a model name that does not exist) lands on its field too.
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Checkbox, Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { BUILTIN_EMBEDDER, CACHE_ADMISSIONS, CACHE_MODES, CACHE_NAMESPACES, updateCacheSettingsSchema, type CacheSettingsView } from "@/lib/cache/schemas";
import { formatBytes } from "@/lib/charts/prepare-cache-stats";
import { ApiError, errorMessage } from "@/lib/query/api-error";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { cacheKeys, updateCacheSettings } from "./cache-api";

type FormInput = z.input<typeof updateCacheSettingsSchema>;
type FormOutput = z.output<typeof updateCacheSettingsSchema>;

const NAMESPACE_LABELS: Record<(typeof CACHE_NAMESPACES)[number], string> = {
  org: "Organization: every caller shares entries",
  team: "Team: entries stay inside the team that stored them",
  key: "Key: entries stay with the key that stored them",
};

const MODE_LABELS: Record<(typeof CACHE_MODES)[number], string> = {
  exact: "Exact: the same request",
  semantic: "Semantic: a similar last question",
};

const ADMISSION_LABELS: Record<(typeof CACHE_ADMISSIONS)[number], string> = {
  repeated: "When a request repeats",
  always: "Every answer",
};

/** One <option> per value of a setting's enum, shown with its label. */
function labelledOptions<T extends string>(values: readonly T[], labels: Record<T, string>) {
  return values.map((value) => (
    <option key={value} value={value}>
      {labels[value]}
    </option>
  ));
}

const FIELDS = ["enabled", "mode", "namespace", "admission", "ttlSeconds", "maxEntries", "maxBytes", "similarityThreshold", "embeddingModel", "shadow"] as const;

export function CacheSettingsForm({ settings, models, canEdit }: { settings: CacheSettingsView; models: string[]; canEdit: boolean }) {
  const toast = useToast();
  // Only the fields the update schema takes: it is strict, and a read-only field left in the values
  // (updatedAt, managedBy) would fail validation on no input the user can see.
  const { updatedAt: _updatedAt, managedBy: _managedBy, ...values } = settings;
  const form = useForm<FormInput, unknown, FormOutput>({ resolver: zodResolver(updateCacheSettingsSchema), defaultValues: values });
  const { register, formState, handleSubmit, setError, control: formControl } = form;
  const errors = formState.errors;
  const save = useInvalidatingMutation(updateCacheSettings, [cacheKeys.settings()], () => toast("Cache settings saved"));
  const submit = handleSubmit((body) =>
    save.mutate(body, {
      onError: (error) => {
        const field = error instanceof ApiError ? FIELDS.find((name) => name === error.field) : undefined;
        if (field) setError(field, { message: error.message.replace(`${field}: `, "") });
      },
    }),
  );
  const maxBytes = useWatch({ control: formControl, name: "maxBytes" });
  const mode = useWatch({ control: formControl, name: "mode" });
  const failure = save.error;
  const apiFieldError = failure instanceof ApiError && FIELDS.some((name) => name === failure.field);

  return (
    <form onSubmit={submit} noValidate className="space-y-5 p-4" data-testid="cache-settings-form">
      {save.error && !apiFieldError && <InlineAlert tone="error">{errorMessage(save.error)}</InlineAlert>}
      <fieldset disabled={!canEdit || save.isPending} className="grid grid-cols-1 gap-5 md:grid-cols-2">
        <label className="flex items-start gap-3 md:col-span-2">
          <Checkbox {...register("enabled")} id="cache-enabled" className="mt-0.5" />
          <span>
            <span className="block text-sm font-medium text-slate-800">Cache answers</span>
            <span className="block text-xs text-slate-500">Off: every call goes to the upstream and the answer carries x-tollgate-cache: bypass.</span>
          </span>
        </label>
        <Field id="cache-mode" label="Mode" error={errors.mode?.message}>
          {(control) => (
            <Select {...control} {...register("mode")}>
              {labelledOptions(CACHE_MODES, MODE_LABELS)}
            </Select>
          )}
        </Field>
        <Field id="cache-namespace" label="Shared within" error={errors.namespace?.message}>
          {(control) => (
            <Select {...control} {...register("namespace")}>
              {labelledOptions(CACHE_NAMESPACES, NAMESPACE_LABELS)}
            </Select>
          )}
        </Field>
        <Field
          id="cache-admission"
          label="Store an answer"
          hint="Repeats: a one-off prompt is not written and does not push repeated ones out. Semantic mode, no-cache calls and warm-ups always store."
          error={errors.admission?.message}
        >
          {(control) => (
            <Select {...control} {...register("admission")}>
              {labelledOptions(CACHE_ADMISSIONS, ADMISSION_LABELS)}
            </Select>
          )}
        </Field>
        <Field id="cache-ttl" label="Time to live (seconds)" hint="How long an answer is served; 3600 = one hour." error={errors.ttlSeconds?.message}>
          {(control) => <Input {...control} type="number" inputMode="numeric" {...register("ttlSeconds", { valueAsNumber: true })} />}
        </Field>
        <Field id="cache-max-entries" label="Most entries" hint="The least recently used are evicted first." error={errors.maxEntries?.message}>
          {(control) => <Input {...control} type="number" inputMode="numeric" {...register("maxEntries", { valueAsNumber: true })} />}
        </Field>
        <Field
          id="cache-max-bytes"
          label="Most bytes"
          hint={Number.isFinite(maxBytes) && Number(maxBytes) > 0 ? `${formatBytes(Number(maxBytes))} in all` : "The size bound of the stored answers."}
          error={errors.maxBytes?.message}
        >
          {(control) => <Input {...control} type="number" inputMode="numeric" {...register("maxBytes", { valueAsNumber: true })} />}
        </Field>
        <Field id="cache-threshold" label="Similarity threshold" hint="Semantic hits need at least this cosine similarity (0–1)." error={errors.similarityThreshold?.message}>
          {(control) => <Input {...control} type="number" step="0.01" inputMode="decimal" {...register("similarityThreshold", { valueAsNumber: true })} />}
        </Field>
        <Field
          id="cache-embedder"
          label="Embedding model"
          hint={mode === "semantic" ? "Embeddings are calls too: charged to the calling key." : "Only used in semantic mode and in shadow mode."}
          error={errors.embeddingModel?.message}
        >
          {(control) => (
            <Select {...control} {...register("embeddingModel", { setValueAs: (value: string | null) => (value === "" || value === null ? null : value) })}>
              <option value="">None</option>
              <option value={BUILTIN_EMBEDDER}>Built-in: lexical similarity, not meaning (no network)</option>
              {models.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <label className="flex items-start gap-3 self-end">
          <Checkbox {...register("shadow")} id="cache-shadow" className="mt-0.5" />
          <span>
            <span className="block text-sm font-medium text-slate-800">Shadow mode</span>
            <span className="block text-xs text-slate-500">Record what would have been a semantic hit, but always ask the upstream.</span>
          </span>
        </label>
      </fieldset>
      {canEdit && (
        <div className="flex justify-end">
          <Button type="submit" variant="primary" pending={save.isPending} data-testid="cache-settings-save">
            Save settings
          </Button>
        </div>
      )}
    </form>
  );
}
