"use client";
// Create and edit a provider. The API key is a password field that starts empty even when editing:
// the stored credential never comes back, and leaving the field empty keeps it.
import { useWatch } from "react-hook-form";
import type { z } from "zod";
import { Field } from "@/components/ui/field";
import { FormDialog, nullableText, optionalText } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { createProviderSchema, PROVIDER_KINDS, updateProviderSchema } from "@/lib/providers/schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { createProvider, updateProvider } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Provider } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { BASE_URL_HINTS, PROVIDER_KIND_LABELS } from "./provider-kinds";

const FIELDS = ["name", "kind", "baseUrl", "apiKey"] as const;
const LABELS = { baseUrl: "Base URL", apiKey: "API key" };

type Values = z.output<typeof updateProviderSchema>;

export function ProviderFormDialog({ provider, onClose }: { provider: Provider | "new" | null; onClose: () => void }) {
  // Remounted per opening, so the fields start from the provider being edited.
  return provider && <ProviderForm key={provider === "new" ? "new" : provider.id} editing={provider === "new" ? null : provider} onClose={onClose} />;
}

function ProviderForm({ editing, onClose }: { editing: Provider | null; onClose: () => void }) {
  const toast = useToast();
  const form = useZodForm(editing ? updateProviderSchema : createProviderSchema, {
    labels: LABELS,
    defaultValues: { name: editing?.name ?? "", kind: editing?.kind ?? "openai", baseUrl: editing?.baseUrl ?? null },
  });
  const save = useInvalidatingMutation(
    // Clearing the base URL of a saved provider goes back to the kind's default (null).
    (values: Values) => (editing ? updateProvider(editing.id, { ...values, baseUrl: values.baseUrl ?? null }) : createProvider(values as z.output<typeof createProviderSchema>)),
    [queryKeys.providers.all, queryKeys.models.all],
    (saved) => {
      onClose();
      toast(editing ? `Provider “${saved.name}” saved` : `Provider “${saved.name}” added`);
    },
  );
  const submit = form.handleSubmit((values) => save.mutate(values, { onError: (error) => applyServerError(form, error, FIELDS, LABELS) }));
  const kind = useWatch({ control: form.control, name: "kind" }) ?? "openai";
  const { register } = form;

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? `Edit ${editing.name}` : "Add provider"}
      submitLabel={editing ? "Save changes" : "Add provider"}
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="provider-form"
    >
      <Field id="provider-name" label="Name" error={errorOf(form, "name")} hint="Shown in the console, e.g. “OpenAI prod” or “Local vLLM”.">
        {(control) => <Input {...control} {...register("name")} autoComplete="off" autoFocus />}
      </Field>
      <Field id="provider-kind" label="Kind" error={errorOf(form, "kind")}>
        {(control) => (
          <Select {...control} {...register("kind")}>
            {PROVIDER_KINDS.map((value) => (
              <option key={value} value={value}>
                {PROVIDER_KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="provider-base-url" label="Base URL" optional={kind !== "openai-compatible"} error={errorOf(form, "baseUrl")} hint={BASE_URL_HINTS[kind]}>
        {(control) => <Input {...control} {...register("baseUrl", nullableText)} type="url" autoComplete="off" placeholder="https://…" />}
      </Field>
      <Field
        id="provider-api-key"
        label={editing ? "New API key" : "API key"}
        optional={Boolean(editing)}
        error={errorOf(form, "apiKey")}
        hint={editing ? "Leave empty to keep the stored key." : "Stored encrypted; it is never displayed again."}
      >
        {(control) => <Input {...control} {...register("apiKey", editing ? optionalText : {})} type="password" autoComplete="off" />}
      </Field>
    </FormDialog>
  );
}
