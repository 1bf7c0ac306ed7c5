// Rows the configuration file owns (managedBy in the admin API, docs/configuration.md): a badge
// beside their name, and their edit and delete buttons disabled with the reason, since the API
// refuses those changes with 409 managed_by_config_file.
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { isManaged } from "@/lib/config-file/managed-by";

type MaybeManaged = { managedBy?: string | null };

export const MANAGED_REASON =
  "Managed by the configuration file (tollgate.yaml, TOLLGATE_CONFIG): change it there and apply it (npm run config:apply -- --apply, or restart).";

export function ManagedBadge({ item }: { item: MaybeManaged }) {
  if (!isManaged(item)) return null;
  return (
    <Badge tone="sky" title={MANAGED_REASON} testId="managed-badge">
      Managed by tollgate.yaml
    </Badge>
  );
}

/** A row's name with the badge after it when the file owns the row. */
export function NameWithManagedBadge({ item, children }: { item: MaybeManaged; children: ReactNode }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2 gap-y-1">
      {children}
      <ManagedBadge item={item} />
    </span>
  );
}

/** Spread on a row's edit or delete button: disabled, with the reason as its title, when the file owns the row. */
export function managedLock(item: MaybeManaged): { disabled?: true; title?: string } {
  return isManaged(item) ? { disabled: true, title: MANAGED_REASON } : {};
}
