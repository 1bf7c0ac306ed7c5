"use client";
import { useQuery } from "@tanstack/react-query";
import { ManagedBadge, MANAGED_REASON } from "@/components/config-file/managed-badge";
import { Card, CardHeader } from "@/components/ui/card";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import { isManaged } from "@/lib/config-file/managed-by";
import { playgroundModelsQuery } from "@/lib/query/models";
import { cacheSettingsQuery } from "./cache-api";
import { CacheSettingsForm } from "./cache-settings-form";

export function CacheSettingsPanel({ canEdit }: { canEdit: boolean }) {
  const settings = useQuery(cacheSettingsQuery());
  const models = useQuery(playgroundModelsQuery());
  // Settings the configuration file owns are shown, not edited: the API would refuse the change.
  const managed = settings.data !== undefined && isManaged(settings.data);
  return (
    <Card>
      <CardHeader
        title="Settings"
        description={
          managed ? MANAGED_REASON : canEdit ? "Every change applies to every replica within a second and is written to the audit log." : "Only admins can change these."
        }
        actions={settings.data && <ManagedBadge item={settings.data} />}
      />
      {settings.error ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} title="Could not load the cache settings" />
      ) : !settings.data ? (
        <LoadingBlock label="Loading settings…" />
      ) : (
        <CacheSettingsForm key={settings.data.updatedAt ?? "defaults"} settings={settings.data} models={models.data?.data.map((m) => m.name) ?? []} canEdit={canEdit && !managed} />
      )}
    </Card>
  );
}
