"use client";
import { useQuery } from "@tanstack/react-query";
import { FormDialog, formNumber, formText } from "@/components/ui/form-dialog";
import { useToast } from "@/components/ui/toast";
import { createModelSchema, updateModelSchema } from "@/lib/models/schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { createModel, updateModel } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { CreateModelBody, Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { assertValid } from "@/lib/query/validate";
import { MODEL_FIELDS, ModelFields } from "./model-fields";

function readModelForm(form: FormData): CreateModelBody {
  return {
    name: formText(form, "name") ?? "",
    providerId: formText(form, "providerId") ?? null,
    upstreamModel: formText(form, "upstreamModel") ?? "",
    inputPricePerMTok: formNumber(form, "inputPricePerMTok") ?? 0,
    outputPricePerMTok: formNumber(form, "outputPricePerMTok") ?? 0,
    cachedPricePerMTok: formNumber(form, "cachedPricePerMTok") ?? null,
    cacheWritePricePerMTok: formNumber(form, "cacheWritePricePerMTok") ?? null,
    contextWindow: formNumber(form, "contextWindow") ?? null,
    maxOutputTokens: formNumber(form, "maxOutputTokens") ?? null,
    enabled: form.get("enabled") === "on",
  };
}

export function ModelFormDialog({ model, onClose }: { model: Model | "new" | null; onClose: () => void }) {
  const editing = model !== null && model !== "new" ? model : null;
  const toast = useToast();
  const providers = useQuery({ ...providersQuery(), enabled: model !== null });
  const save = useInvalidatingMutation(
    ({ id, body }: { id: string | null; body: CreateModelBody }) => {
      // The edit form shows every field, so it sends them all; PATCH accepts the full set.
      assertValid(id ? updateModelSchema : createModelSchema, body);
      return id ? updateModel(id, body) : createModel(body);
    },
    [queryKeys.models.all, queryKeys.providers.all],
    (saved, { id }) => {
      onClose();
      toast(id ? `${saved.name} saved` : `${saved.name} added`);
    },
  );

  return (
    <FormDialog
      open={model !== null}
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={editing ? `Edit ${editing.name}` : "Add model"}
      description="Prices are dollars per 1M tokens; the cost of every call is computed from them."
      submitLabel={editing ? "Save changes" : "Add model"}
      pending={save.isPending}
      formError={formErrorOf(save.error, MODEL_FIELDS)}
      onSubmit={(form) => save.mutate({ id: editing?.id ?? null, body: readModelForm(form) })}
      testId="model-form"
      size="lg"
    >
      <ModelFields model={editing} providers={providers.data?.data ?? []} providersLoading={providers.isLoading} error={save.error} />
    </FormDialog>
  );
}
