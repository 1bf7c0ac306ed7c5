"use client";
// Seeded price-list rows have prices but no provider; attaching one makes the model callable.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Field } from "@/components/ui/field";
import { FormDialog, formText } from "@/components/ui/form-dialog";
import { Select } from "@/components/ui/input";
import { useToast } from "@/components/ui/toast";
import { fieldErrorOf, formErrorOf } from "@/lib/query/api-error";
import { updateModel } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";

export function AttachProviderDialog({ model, onClose }: { model: Model | null; onClose: () => void }) {
  const toast = useToast();
  const providers = useQuery({ ...providersQuery(), enabled: model !== null });
  const attach = useInvalidatingMutation(
    ({ id, providerId }: { id: string; providerId: string | null }) => updateModel(id, { providerId }),
    [queryKeys.models.all, queryKeys.providers.all],
    (saved) => {
      onClose();
      toast(`${saved.name} now served by ${saved.providerName ?? "no provider"}`);
    },
  );
  const noProviders = providers.data?.data.length === 0;

  return (
    <FormDialog
      open={model !== null}
      onClose={() => {
        attach.reset();
        onClose();
      }}
      title={`Attach a provider to ${model?.name ?? ""}`}
      description="Calls to this model will be sent to the chosen provider, as the upstream model name shown on the Models page."
      submitLabel="Attach"
      pending={attach.isPending}
      formError={formErrorOf(attach.error, ["providerId"])}
      onSubmit={(form) => model && attach.mutate({ id: model.id, providerId: formText(form, "providerId") ?? null })}
      testId="attach-provider-form"
      size="sm"
    >
      {noProviders ? (
        <p className="text-sm text-slate-600">
          There are no providers yet.{" "}
          <Link href="/providers" className="font-medium text-indigo-600 hover:text-indigo-500">
            Add one first
          </Link>
          .
        </p>
      ) : (
        <Field id="attach-provider" label="Provider" error={fieldErrorOf(attach.error, "providerId")}>
          {(control) => (
            <Select {...control} name="providerId" required disabled={providers.isLoading}>
              {providers.data?.data.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
    </FormDialog>
  );
}
