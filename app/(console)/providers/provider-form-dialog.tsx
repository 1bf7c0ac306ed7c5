"use client";
// Create and edit a provider. The API key is a password field that starts empty even when editing:
// the stored credential never comes back, and leaving the field empty keeps it.
import { useState } from "react";
import { Field } from "@/components/ui/field";
import { FormDialog, formText } from "@/components/ui/form-dialog";
import { Input, Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { createProviderSchema, PROVIDER_KINDS, updateProviderSchema } from "@/lib/providers/schemas";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { createProvider, updateProvider } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { CreateProviderBody, Provider, ProviderKind, UpdateProviderBody } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { assertValid } from "@/lib/query/validate";
import { BASE_URL_HINTS, PROVIDER_KIND_LABELS } from "./provider-kinds";

const FIELDS = ["name", "kind", "baseUrl", "apiKey"];

type Submission = { kind: "create"; body: CreateProviderBody } | { kind: "update"; id: string; body: UpdateProviderBody };

export function ProviderFormDialog({ provider, onClose }: { provider: Provider | "new" | null; onClose: () => void }) {
  const editing = provider !== null && provider !== "new" ? provider : null;
  const toast = useToast();
  const save = useInvalidatingMutation(
    (submission: Submission) => {
      if (submission.kind === "create") {
        assertValid(createProviderSchema, submission.body);
        return createProvider(submission.body);
      }
      assertValid(updateProviderSchema, submission.body);
      return updateProvider(submission.id, submission.body);
    },
    [queryKeys.providers.all, queryKeys.models.all],
    (saved, submission) => {
      onClose();
      toast(submission.kind === "create" ? `Provider “${saved.name}” added` : `Provider “${saved.name}” saved`);
    },
  );

  const submit = (form: FormData) => {
    const name = formText(form, "name") ?? "";
    const kind = form.get("kind") as ProviderKind;
    const baseUrl = formText(form, "baseUrl");
    const apiKey = formText(form, "apiKey");
    if (!editing) return save.mutate({ kind: "create", body: { name, kind, baseUrl, apiKey: apiKey ?? "" } });
    save.mutate({
      kind: "update",
      id: editing.id,
      // Clearing the base URL goes back to the kind's default.
      body: { name, kind, baseUrl: baseUrl ?? null, ...(apiKey ? { apiKey } : {}) },
    });
  };

  return (
    <FormDialog
      open={provider !== null}
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={editing ? `Edit ${editing.name}` : "Add provider"}
      submitLabel={editing ? "Save changes" : "Add provider"}
      pending={save.isPending}
      formError={formErrorOf(save.error, FIELDS)}
      onSubmit={submit}
      testId="provider-form"
    >
      <ProviderFields provider={editing} error={save.error} />
    </FormDialog>
  );
}

function ProviderFields({ provider, error }: { provider: Provider | null; error: unknown }) {
  // Controlled only to update the base URL hint when the kind changes.
  const [kind, setKind] = useState<ProviderKind>(provider?.kind ?? "openai");
  return (
    <>
      <Field id="provider-name" label="Name" error={fieldErrorOf(error, "name")} hint="Shown in the console, e.g. “OpenAI prod” or “Local vLLM”.">
        {(control) => <Input {...control} name="name" defaultValue={provider?.name} autoComplete="off" required autoFocus />}
      </Field>
      <Field id="provider-kind" label="Kind" error={fieldErrorOf(error, "kind")}>
        {(control) => (
          <Select {...control} name="kind" value={kind} onChange={(event) => setKind(event.target.value as ProviderKind)}>
            {PROVIDER_KINDS.map((value) => (
              <option key={value} value={value}>
                {PROVIDER_KIND_LABELS[value]}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field id="provider-base-url" label="Base URL" optional={kind !== "openai-compatible"} error={fieldErrorOf(error, "baseUrl")} hint={BASE_URL_HINTS[kind]}>
        {(control) => <Input {...control} name="baseUrl" type="url" defaultValue={provider?.baseUrl ?? ""} autoComplete="off" placeholder="https://…" />}
      </Field>
      <Field
        id="provider-api-key"
        label={provider ? "New API key" : "API key"}
        optional={Boolean(provider)}
        error={fieldErrorOf(error, "apiKey")}
        hint={provider ? "Leave empty to keep the stored key." : "Stored encrypted; it is never displayed again."}
      >
        {(control) => <Input {...control} name="apiKey" type="password" autoComplete="off" required={!provider} />}
      </Field>
    </>
  );
}
