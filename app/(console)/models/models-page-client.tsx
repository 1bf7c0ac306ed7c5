"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { DataTable } from "@/components/data-table/data-table";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { InlineAlert } from "@/components/ui/inline-alert";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-error";
import { deleteModel, modelsQuery, updateModel } from "@/lib/query/models";
import { queryKeys } from "@/lib/query/query-keys";
import type { Model } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { AttachProviderDialog } from "./attach-provider-dialog";
import { BulkAttachBar, BulkAttachDialog, isAttachable } from "./bulk-attach";
import { DeploymentsDialog } from "./deployments-dialog";
import { modelColumns } from "./model-columns";
import { ModelFormDialog } from "./model-form-dialog";

// Providers list their model count, the playground lists callable models: both change with models.
const MODEL_KEYS = [queryKeys.models.all, queryKeys.providers.all];

export function ModelsPageClient({ canEdit }: { canEdit: boolean }) {
  const [editing, setEditing] = useState<Model | "new" | null>(null);
  const [attaching, setAttaching] = useState<Model | null>(null);
  const [routing, setRouting] = useState<Model | null>(null);
  const [deleting, setDeleting] = useState<Model | null>(null);
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<string>>(new Set());
  const [bulkAttaching, setBulkAttaching] = useState<Model[] | null>(null);
  const toast = useToast();
  const query = useQuery(modelsQuery());
  const attachable = useMemo(() => (query.data?.data ?? []).filter(isAttachable), [query.data]);
  // Only what is still attachable counts: a model attached meanwhile drops out of the selection.
  const selected = attachable.filter((m) => selectedIds.has(m.id));
  const toggleSelected = (model: Model) =>
    setSelectedIds((current) => {
      const next = new Set(current);
      if (!next.delete(model.id)) next.add(model.id);
      return next;
    });
  const selectAll = () => setSelectedIds(new Set(attachable.map((m) => m.id)));
  const clearSelection = () => setSelectedIds(new Set());
  const toggle = useInvalidatingMutation((model: Model) => updateModel(model.id, { enabled: !model.enabled }), MODEL_KEYS);
  const remove = useInvalidatingMutation((model: Model) => deleteModel(model.id), MODEL_KEYS, (_, model) => {
    setDeleting(null);
    toast(`Model ${model.name} deleted`);
  });

  const columns = modelColumns({
    canEdit,
    onEdit: setEditing,
    onAttach: setAttaching,
    onRouting: setRouting,
    onToggle: (model) => toggle.mutate(model),
    togglingId: toggle.isPending ? (toggle.variables?.id ?? null) : null,
    selection: {
      selected: selectedIds,
      attachable: isAttachable,
      onToggle: toggleSelected,
      all: attachable.length > 0 && selected.length === attachable.length,
      onToggleAll: () => (selected.length === attachable.length ? clearSelection() : selectAll()),
      any: attachable.length > 0,
    },
    onDelete: (model) => {
      remove.reset();
      setDeleting(model);
    },
  });

  return (
    <>
      <PageHeader
        title="Models"
        description="The model names clients call, the provider that serves each one, and the prices used for cost (dollars per 1M tokens)."
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setEditing("new")} data-testid="create-model">
              Add model
            </Button>
          )
        }
      />
      {toggle.error && (
        <InlineAlert tone="error" className="mb-4">
          Could not change {toggle.variables?.name}: {errorMessage(toggle.error)}
        </InlineAlert>
      )}
      <Card>
        {canEdit && (
          <BulkAttachBar attachable={attachable.length} selected={selected.length} onSelectAll={selectAll} onClear={clearSelection} onAttach={() => setBulkAttaching(selected)} />
        )}
        <DataTable
          label="Models"
          testId="models-table"
          rowTestId="model-row"
          columns={columns}
          rows={query.data?.data}
          rowKey={(model) => model.id}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={<EmptyState title="No models yet" description={canEdit ? "Add a model and attach it to a provider to make it callable." : undefined} />}
        />
      </Card>
      <ModelFormDialog model={editing} onClose={() => setEditing(null)} />
      <AttachProviderDialog model={attaching} onClose={() => setAttaching(null)} />
      <BulkAttachDialog models={bulkAttaching} onClose={() => setBulkAttaching(null)} onAttached={clearSelection} />
      <DeploymentsDialog model={routing} onClose={() => setRouting(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title="Delete model?"
        description={
          <>
            Clients calling <strong className="font-mono">{deleting?.name}</strong> will get “model not found”. Past usage keeps its recorded cost.
          </>
        }
        confirmLabel="Delete model"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </>
  );
}
