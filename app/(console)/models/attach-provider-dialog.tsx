"use client";
// Seeded price-list rows have prices but no provider; attaching one makes the model callable.
import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { FormDialog } from "@/components/ui/form-dialog";
import { ProviderPicker } from "./provider-picker";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { idSchema } from "@/lib/http/list-schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { updateModel } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";

const FIELDS = ["providerId"] as const;
/** The PATCH body's providerId, required here: attaching means choosing one. */
const attachSchema = z.object({ providerId: idSchema });

export function AttachProviderDialog({ model, onClose }: { model: Model | null; onClose: () => void }) {
  // Remounted per model, so the choice starts empty each time.
  return model && <AttachProviderForm key={model.id} model={model} onClose={onClose} />;
}

function AttachProviderForm({ model, onClose }: { model: Model; onClose: () => void }) {
  const toast = useToast();
  const providers = useQuery(providersQuery());
  const form = useZodForm(attachSchema, { labels: { providerId: "Provider" }, defaultValues: { providerId: "" } });
  const attach = useInvalidatingMutation(
    ({ providerId }: { providerId: string }) => updateModel(model.id, { providerId }),
    [queryKeys.models.all, queryKeys.providers.all],
    (saved) => {
      onClose();
      toast(`${saved.name} now served by ${saved.providerName ?? "no provider"}`);
    },
  );
  const submit = form.handleSubmit((values) => attach.mutate(values, { onError: (error) => applyServerError(form, error, FIELDS) }));
  const noProviders = providers.data?.data.length === 0;

  return (
    <FormDialog
      onClose={onClose}
      title={`Attach a provider to ${model.name}`}
      description="Calls to this model will be sent to the chosen provider, as the upstream model name shown on the Models page."
      submitLabel="Attach"
      pending={attach.isPending}
      submitDisabled={noProviders}
      formError={formErrorOf(attach.error, FIELDS)}
      onSubmit={submit}
      testId="attach-provider-form"
      size="sm"
    >
      <ProviderPicker id="attach-provider" providers={providers} registration={form.register("providerId")} error={errorOf(form, "providerId")} />
    </FormDialog>
  );
}
