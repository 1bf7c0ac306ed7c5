"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useCapturedScopes } from "@/components/capture/capture-badge";
import { DataTable } from "@/components/data-table/data-table";
import { LimitsDialog, type LimitsTarget } from "@/components/limits/limits-dialog";
import { useMonthSpend } from "@/components/spend/month-spend-columns";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { useToast } from "@/components/ui/toast";
import { errorMessage } from "@/lib/query/api-error";
import { keysQuery, revokeKey } from "@/lib/query/keys";
import { queryKeys } from "@/lib/query/query-keys";
import type { ApiKey, CreatedApiKey, KeyStatus } from "@/lib/query/types";
import type { UserKeyLimits } from "@/lib/keys/key-limits";
import { useInvalidatingMutation } from "@/lib/query/use-invalidating-mutation";
import { CreateKeyDialog } from "./create-key-dialog";
import { EditKeyDialog } from "./edit-key-dialog";
import { keyColumns } from "./key-columns";
import { KeyCreatedDialog } from "./key-created-dialog";
import { MyLimitsCard } from "./my-limits-card";

export function KeysPageClient({
  currentUser,
  canCreate,
  canChooseOwner,
}: {
  currentUser: { id: string; email: string; keyLimits: UserKeyLimits };
  canCreate: boolean;
  canChooseOwner: boolean;
}) {
  const [status, setStatus] = useState<KeyStatus | "">("");
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [editing, setEditing] = useState<ApiKey | null>(null);
  const [limitsOf, setLimitsOf] = useState<LimitsTarget | null>(null);
  const captured = useCapturedScopes();
  const toast = useToast();
  const query = useQuery(keysQuery(status ? { status } : {}));
  const spend = useMonthSpend("key", query.data?.data);
  const revoke = useInvalidatingMutation((key: ApiKey) => revokeKey(key.id), [queryKeys.keys.all], (_, key) => {
    setRevoking(null);
    toast(`Key “${key.name}” revoked`);
  });

  // Admins revoke any key; developers only reach their own keys through the API anyway.
  const columns = keyColumns({
    currentUserId: currentUser.id,
    canRevoke: (key) => canCreate && (canChooseOwner || key.userId === currentUser.id),
    onRevoke: (key) => {
      revoke.reset();
      setRevoking(key);
    },
    onEdit: setEditing,
    onLimits: (key) => setLimitsOf({ scope: "key", id: key.id, name: `key ${key.name}` }),
    captured,
    spend,
  });

  return (
    <>
      <PageHeader
        title="Keys"
        description="Virtual keys apps use to call the gateway instead of a provider key."
        actions={
          canCreate && (
            <Button variant="primary" onClick={() => setCreating(true)} data-testid="create-key">
              Create key
            </Button>
          )
        }
      />
      <div className="mb-4 flex items-center gap-2">
        <label htmlFor="keys-status" className="text-sm text-slate-600">
          Status
        </label>
        <Select id="keys-status" className="w-36" value={status} onChange={(event) => setStatus(event.target.value as KeyStatus | "")}>
          <option value="">All</option>
          <option value="active">Active</option>
          <option value="revoked">Revoked</option>
          <option value="expired">Expired</option>
        </Select>
      </div>
      <Card>
        <DataTable
          label="API keys"
          testId="keys-table"
          rowTestId="key-row"
          columns={columns}
          rows={query.data?.data}
          rowKey={(key) => key.id}
          isLoading={query.isLoading}
          error={query.error}
          onRetry={() => void query.refetch()}
          empty={
            <EmptyState
              title={status ? `No ${status} keys` : "No keys yet"}
              description={canCreate ? "Create a key and use it as the API key of any OpenAI-compatible client." : undefined}
            />
          }
        />
      </Card>
      <MyLimitsCard />
      <LimitsDialog target={limitsOf} onClose={() => setLimitsOf(null)} canManage={canChooseOwner} />
      <CreateKeyDialog
        open={creating}
        onClose={() => setCreating(false)}
        currentUser={currentUser}
        canChooseOwner={canChooseOwner}
        onCreated={(key) => {
          setCreating(false);
          setCreated(key);
        }}
      />
      <KeyCreatedDialog createdKey={created} onClose={() => setCreated(null)} />
      <EditKeyDialog apiKey={editing} onClose={() => setEditing(null)} currentUser={currentUser} isAdmin={canChooseOwner} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        title="Revoke key?"
        description={
          <>
            Apps using <strong>{revoking?.name}</strong> ({revoking?.prefix}…) will get 401 errors from now on. This cannot be undone.
          </>
        }
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : undefined}
      />
    </>
  );
}
