"use client";
import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { FormDialog } from "@/components/ui/form-dialog";
import { useToast } from "@/components/ui/toast";
import { applyServerError, useZodForm } from "@/components/ui/use-zod-form";
import { createModelSchema } from "@/lib/models/schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { createModel, updateModel } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { MODEL_FIELD_LABELS, MODEL_FIELDS, ModelFields } from "./model-fields";

export type ModelFormValues = z.output<typeof createModelSchema>;

export function ModelFormDialog({ model, onClose }: { model: Model | "new" | null; onClose: () => void }) {
  // Remounted per opening, so the fields start from the model being edited.
  return model && <ModelForm key={model === "new" ? "new" : model.id} editing={model === "new" ? null : model} onClose={onClose} />;
}

function ModelForm({ editing, onClose }: { editing: Model | null; onClose: () => void }) {
  const toast = useToast();
  const providers = useQuery(providersQuery());
  // The edit form shows every field, so it checks and sends them all; PATCH accepts the full set.
  const form = useZodForm(createModelSchema, {
    labels: MODEL_FIELD_LABELS,
    defaultValues: {
      name: editing?.name ?? "",
      upstreamModel: editing?.upstreamModel ?? "",
      providerId: editing?.providerId ?? null,
      inputPricePerMTok: editing?.inputPricePerMTok,
      outputPricePerMTok: editing?.outputPricePerMTok,
      cachedPricePerMTok: editing?.cachedPricePerMTok ?? null,
      cacheWritePricePerMTok: editing?.cacheWritePricePerMTok ?? null,
      contextWindow: editing?.contextWindow ?? null,
      maxOutputTokens: editing?.maxOutputTokens ?? null,
      enabled: editing?.enabled ?? true,
    },
  });
  const save = useInvalidatingMutation(
    (body: ModelFormValues) => (editing ? updateModel(editing.id, body) : createModel(body)),
    [queryKeys.models.all, queryKeys.providers.all],
    (saved) => {
      onClose();
      toast(editing ? `${saved.name} saved` : `${saved.name} added`);
    },
  );
  const submit = form.handleSubmit((body) => save.mutate(body, { onError: (error) => applyServerError(form, error, MODEL_FIELDS, MODEL_FIELD_LABELS) }));

  return (
    <FormDialog
      onClose={onClose}
      title={editing ? `Edit ${editing.name}` : "Add model"}
      description="Prices are dollars per 1M tokens; the cost of every call is computed from them."
      submitLabel={editing ? "Save changes" : "Add model"}
      pending={save.isPending}
      formError={formErrorOf(save.error, MODEL_FIELDS)}
      onSubmit={submit}
      testId="model-form"
      size="lg"
    >
      <ModelFields form={form} providers={providers.data?.data ?? []} providersLoading={providers.isLoading} />
    </FormDialog>
  );
}
