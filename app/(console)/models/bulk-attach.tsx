"use client";
// The first-run path for the seeded price list: tick the models that are not callable yet (or all
// of them), choose a provider, attach. One request (POST /api/admin/models/attach), all or none.
import { useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import { ProviderPicker } from "./provider-picker";
import { useToast } from "@/components/ui/toast";
import { applyServerError, errorOf, useZodForm } from "@/components/ui/use-zod-form";
import { attachModelsSchema } from "@/lib/models/schemas";
import { formErrorOf } from "@/lib/query/api-error";
import { attachModels } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";

const FIELDS = ["providerId", "modelIds"] as const;
const LABELS = { providerId: "Provider", modelIds: "Models" };

/** A seeded price-list row: no provider, no router, and not the configuration file's to change. */
export function isAttachable(model: Model): boolean {
  return model.providerName === null && !model.managedBy;
}

export function BulkAttachBar({
  attachable,
  selected,
  onSelectAll,
  onClear,
  onAttach,
}: {
  attachable: number;
  selected: number;
  onSelectAll: () => void;
  onClear: () => void;
  onAttach: () => void;
}) {
  if (attachable === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2.5 text-sm" data-testid="bulk-attach-bar">
      <span className="text-slate-700" data-testid="bulk-attach-count">
        {selected === 0
          ? `${attachable} ${attachable === 1 ? "model is" : "models are"} not callable: no provider yet.`
          : `${selected} of ${attachable} not callable ${attachable === 1 ? "model" : "models"} selected.`}
      </span>
      <div className="ml-auto flex flex-wrap gap-2">
        {selected < attachable && (
          <Button size="sm" variant="ghost" onClick={onSelectAll} data-testid="bulk-select-all">
            Select all not callable
          </Button>
        )}
        {selected > 0 && (
          <>
            <Button size="sm" variant="ghost" onClick={onClear} data-testid="bulk-clear">
              Clear
            </Button>
            <Button size="sm" variant="primary" onClick={onAttach} data-testid="bulk-attach">
              Attach to a provider…
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

export function BulkAttachDialog({ models, onClose, onAttached }: { models: Model[] | null; onClose: () => void; onAttached: () => void }) {
  return models && models.length > 0 && <BulkAttachForm models={models} onClose={onClose} onAttached={onAttached} />;
}

function BulkAttachForm({ models, onClose, onAttached }: { models: Model[]; onClose: () => void; onAttached: () => void }) {
  const toast = useToast();
  const providers = useQuery(providersQuery());
  const form = useZodForm(attachModelsSchema, { labels: LABELS, defaultValues: { providerId: "", modelIds: models.map((m) => m.id) } });
  const attach = useInvalidatingMutation(attachModels, [queryKeys.models.all, queryKeys.providers.all], (result) => {
    onAttached();
    onClose();
    const provider = result.data[0]?.providerName ?? "the provider";
    toast(`${result.data.length} ${result.data.length === 1 ? "model" : "models"} now served by ${provider}`);
  });
  const submit = form.handleSubmit((values) => attach.mutate(values, { onError: (error) => applyServerError(form, error, ["providerId"], LABELS) }));
  const noProviders = providers.data?.data.length === 0;
  const shown = models.slice(0, 8);

  return (
    <FormDialog
      onClose={onClose}
      title={`Attach ${models.length} ${models.length === 1 ? "model" : "models"} to a provider`}
      description="Each model will be sent to the chosen provider under its upstream name, and becomes callable. All of them are attached, or none."
      submitLabel={`Attach ${models.length}`}
      pending={attach.isPending}
      submitDisabled={noProviders}
      formError={formErrorOf(attach.error, FIELDS)}
      onSubmit={submit}
      testId="bulk-attach-form"
      size="sm"
    >
      <ul className="flex flex-wrap gap-1.5" data-testid="bulk-attach-models">
        {shown.map((m) => (
          <li key={m.id} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
            {m.name}
          </li>
        ))}
        {models.length > shown.length && <li className="px-1 py-0.5 text-xs text-slate-500">and {models.length - shown.length} more</li>}
      </ul>
      <ProviderPicker id="bulk-attach-provider" providers={providers} registration={form.register("providerId")} error={errorOf(form, "providerId") ?? errorOf(form, "modelIds")} testId="bulk-attach-provider" />
    </FormDialog>
  );
}
