"use client";
import { managedLock, NameWithManagedBadge } from "@/components/config-file/managed-badge";
import type { Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { TruncatedText } from "@/components/ui/truncated-text";
import { formatCompact, formatPrice } from "@/lib/charts/format";
import type { Model } from "@/lib/query/types";

export interface ModelActions {
  canEdit: boolean;
  onEdit: (model: Model) => void;
  onAttach: (model: Model) => void;
  /** opens the deployments and routing settings */
  onRouting: (model: Model) => void;
  onDelete: (model: Model) => void;
  onToggle: (model: Model) => void;
  togglingId: string | null;
  /** ticking seeded models without a provider, to attach them at once (bulk-attach.tsx) */
  selection?: {
    selected: ReadonlySet<string>;
    attachable: (model: Model) => boolean;
    onToggle: (model: Model) => void;
    /** every attachable model selected */
    all: boolean;
    onToggleAll: () => void;
    /** some model on the page is attachable: the column is shown */
    any: boolean;
  };
}

function EnabledSwitch({ model, actions }: { model: Model; actions: ModelActions }) {
  if (!actions.canEdit) return model.enabled ? <Badge tone="green">enabled</Badge> : <Badge>disabled</Badge>;
  return (
    <button
      type="button"
      role="switch"
      aria-checked={model.enabled}
      aria-label={`${model.enabled ? "Disable" : "Enable"} ${model.name}`}
      data-testid="toggle-model"
      disabled={actions.togglingId === model.id || Boolean(model.managedBy)}
      title={managedLock(model).title}
      onClick={() => actions.onToggle(model)}
      className={cn(
        "relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-50",
        model.enabled ? "bg-indigo-600" : "bg-slate-300",
      )}
    >
      <span className={cn("inline-block size-4 rounded-full bg-white shadow transition-transform", model.enabled ? "translate-x-4.5" : "translate-x-0.5")} />
    </button>
  );
}

function selectColumn(selection: NonNullable<ModelActions["selection"]>): Column<Model> {
  return {
    id: "select",
    className: "w-8 pr-0",
    header: (
      <input
        type="checkbox"
        className="size-4 rounded border-slate-300 text-indigo-600"
        checked={selection.all}
        onChange={selection.onToggleAll}
        aria-label="Select every model that is not callable"
        data-testid="select-all-attachable"
      />
    ),
    cell: (m) =>
      selection.attachable(m) ? (
        <input
          type="checkbox"
          className="size-4 rounded border-slate-300 text-indigo-600"
          checked={selection.selected.has(m.id)}
          onChange={() => selection.onToggle(m)}
          aria-label={`Select ${m.name}`}
          data-testid="select-model"
        />
      ) : null,
  };
}

export function modelColumns(actions: ModelActions): Column<Model>[] {
  const columns: Column<Model>[] = [
    ...(actions.canEdit && actions.selection?.any ? [selectColumn(actions.selection)] : []),
    {
      id: "name",
      header: "Model",
      cell: (m) => (
        <NameWithManagedBadge item={m}>
          <TruncatedText text={m.name} className="font-mono text-xs font-medium text-slate-900" testId="model-row-name" />
        </NameWithManagedBadge>
      ),
    },
    {
      id: "provider",
      header: "Provider",
      cell: (m) =>
        m.providerName ? (
          <TruncatedText text={m.providerName} testId="model-row-provider" />
        ) : actions.canEdit ? (
          <Button size="sm" variant="secondary" onClick={() => actions.onAttach(m)} aria-label={`Attach a provider to ${m.name}`} data-testid="attach-provider" {...managedLock(m)}>
            Attach provider
          </Button>
        ) : (
          <Badge tone="amber" title="Price-list entry without a provider: not callable yet">
            no provider yet
          </Badge>
        ),
    },
    { id: "upstream", header: "Upstream name", cell: (m) => <TruncatedText text={m.upstreamModel} className="font-mono text-xs text-slate-600" /> },
    { id: "input", header: "Input / 1M", align: "right", cell: (m) => formatPrice(m.inputPricePerMTok) },
    { id: "output", header: "Output / 1M", align: "right", cell: (m) => formatPrice(m.outputPricePerMTok) },
    {
      id: "cached",
      header: "Cache read / write",
      align: "right",
      cell: (m) => (m.cacheWritePricePerMTok === null ? formatPrice(m.cachedPricePerMTok) : `${formatPrice(m.cachedPricePerMTok)} / ${formatPrice(m.cacheWritePricePerMTok)}`),
    },
    { id: "context", header: "Context", align: "right", cell: (m) => (m.contextWindow ? formatCompact(m.contextWindow) : "—") },
    {
      id: "enabled",
      header: "Enabled",
      // A price-list row without a provider is not callable whatever its flag says: it must not look live.
      cell: (m) =>
        m.providerName ? (
          <EnabledSwitch model={m} actions={actions} />
        ) : (
          <Badge tone="neutral" title="Not callable until a provider is attached" testId="model-not-callable">
            not callable
          </Badge>
        ),
    },
  ];
  if (!actions.canEdit) return columns;
  columns.push({
    id: "actions",
    header: <span className="sr-only">Actions</span>,
    align: "right",
    pinned: "right",
    cell: (m) => (
      <div className="flex justify-end gap-1">
        <Button size="sm" variant="ghost" onClick={() => actions.onEdit(m)} aria-label={`Edit ${m.name}`} data-testid="edit-model" {...managedLock(m)}>
          Edit
        </Button>
        <Button size="sm" variant="ghost" onClick={() => actions.onRouting(m)} aria-label={`Routing of ${m.name}`} data-testid="model-routing" {...managedLock(m)}>
          Routing
        </Button>
        <Button size="sm" variant="ghost" className="text-red-600 hover:text-red-700" onClick={() => actions.onDelete(m)} aria-label={`Delete ${m.name}`} data-testid="delete-model" {...managedLock(m)}>
          Delete
        </Button>
      </div>
    ),
  });
  return columns;
}
