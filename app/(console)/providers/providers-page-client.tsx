"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { managedLock, NameWithManagedBadge } from "@/components/config-file/managed-badge";
import { DataTable, type Column } from "@/components/data-table/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { formatNumber } from "@/lib/charts/format";
import { errorMessage } from "@/lib/query/api-error";
import { deleteProvider, providersQuery } from "@/lib/query/providers";
import { queryKeys } from "@/lib/query/query-keys";
import type { Provider } from "@/lib/query/types";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { ConnectionStatus, useTestConnection } from "./provider-connection";
import { ProviderFormDialog } from "./provider-form-dialog";
import { PROVIDER_KIND_LABELS } from "./provider-kinds";

export function ProvidersPageClient({ canEdit }: { canEdit: boolean }) {
  const [editing, setEditing] = useState<Provider | "new" | null>(null);
  const [deleting, setDeleting] = useState<Provider | null>(null);
  const toast = useToast();
  const query = useQuery(providersQuery());
  const testConnection = useTestConnection();
  const testingId = testConnection.isPending ? testConnection.variables?.id : undefined;
  // Models show their provider's name and may lose it.
  const remove = useInvalidatingMutation((provider: Provider) => deleteProvider(provider.id), [queryKeys.providers.all, queryKeys.models.all], (_, provider) => {
    setDeleting(null);
    toast(`Provider “${provider.name}” deleted`);
  });

  const columns: Column<Provider>[] = [
    {
      id: "name",
      header: "Name",
      cell: (p) => (
        <NameWithManagedBadge item={p}>
          <span className="font-medium text-slate-900">{p.name}</span>
        </NameWithManagedBadge>
      ),
    },
    { id: "kind", header: "Kind", cell: (p) => <Badge tone="indigo">{PROVIDER_KIND_LABELS[p.kind]}</Badge> },
    { id: "baseUrl", header: "Base URL", cell: (p) => (p.baseUrl ? <code className="font-mono text-xs">{p.baseUrl}</code> : <span className="text-slate-400">default</span>) },
    { id: "credential", header: "API key", cell: (p) => (p.hasApiKey ? <Badge tone="green">stored</Badge> : <Badge tone="amber">missing</Badge>) },
    { id: "models", header: "Models", align: "right", cell: (p) => formatNumber(p.modelCount) },
    { id: "connection", header: "Connection", cell: (p) => <ConnectionStatus provider={p} /> },
    { id: "created", header: "Added", cell: (p) => <LocalTime iso={p.createdAt} /> },
  ];
  if (canEdit) {
    columns.push({
      id: "actions",
      header: <span className="sr-only">Actions</span>,
      align: "right",
      pinned: "right",
      cell: (provider) => (
        <div className="flex justify-end gap-1">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => testConnection.mutate(provider, { onError: (error) => toast(`Could not test ${provider.name}: ${errorMessage(error)}`) })}
            disabled={testingId === provider.id}
            aria-label={`Test the connection to ${provider.name}`}
            data-testid="test-provider"
          >
            {testingId === provider.id ? "Testing…" : "Test connection"}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setEditing(provider)} aria-label={`Edit ${provider.name}`} data-testid="edit-provider" {...managedLock(provider)}>
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-red-600 hover:text-red-700"
            aria-label={`Delete ${provider.name}`}
            data-testid="delete-provider"
            {...managedLock(provider)}
            onClick={() => {
              remove.reset();
              setDeleting(provider);
            }}
          >
            Delete
          </Button>
        </div>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title="Providers"
        description="Upstream APIs the gateway forwards calls to. Credentials are encrypted and never shown again."
        actions={
          canEdit && (
            <Button variant="primary" onClick={() => setEditing("new")} data-testid="create-provider">
              Add provider
            </Button>
          )
        }
      />
      <Card>
        <DataTable
          label="Providers"
          testId="providers-table"
          rowTestId="provider-row"
          columns={columns}
          rows={query.data?.data}
          rowKey={(provider) => provider.id}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={<EmptyState title="No providers yet" description={canEdit ? "Add a provider, then attach models to it on the Models page." : undefined} />}
        />
      </Card>
      <ProviderFormDialog provider={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting)}
        title="Delete provider?"
        description={
          <>
            <strong>{deleting?.name}</strong> serves {formatNumber(deleting?.modelCount ?? 0)} model(s). Calls to them fail until they are attached to
            another provider.
          </>
        }
        confirmLabel="Delete provider"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : undefined}
      />
    </>
  );
}
