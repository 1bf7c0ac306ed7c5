"use client";
// Usage against the quotas of one key, user, team or the organization, as bars that refresh while
// the page is open.
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { Select } from "@/components/ui/input";
import { ErrorState, LoadingBlock } from "@/components/ui/states";
import { SCOPE_LABELS, usageBar } from "@/lib/quotas/quota-display";
import { COUNTER_SCOPES } from "@/lib/quotas/schemas";
import { quotaStatusQuery, type StatusScope } from "./quotas-api";
import { ScopeTargetSelect } from "@/components/forms/scope-target-select";
import { UsageBars } from "./usage-bars";

export interface StatusTarget {
  scope: StatusScope;
  scopeId: string;
}

/** The card's quiet states: one line, so an unused card does not push the tables down. */
function Note({ children }: { children: ReactNode }) {
  return (
    <p className="px-4 py-5 text-sm text-slate-500" data-testid="quota-status-note">
      {children}
    </p>
  );
}

export function QuotaStatusCard({ target, orgId, onChange }: { target: StatusTarget; orgId: string; onChange: (target: StatusTarget) => void }) {
  const scopeId = target.scope === "org" ? orgId : target.scopeId;
  const status = useQuery(quotaStatusQuery(target.scope, scopeId));

  let body;
  if (!scopeId) body = <Note>Choose a {SCOPE_LABELS[target.scope].toLowerCase()} to see its quotas and how much of each is used.</Note>;
  else if (status.error && !status.data) body = <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  else if (!status.data) body = <LoadingBlock />;
  else if (status.data.limits.length === 0) body = <Note>No quota applies to {status.data.scopeName ?? "this scope"} itself.</Note>;
  else body = <UsageBars bars={status.data.limits.map(usageBar)} />;

  return (
    <Card data-testid="quota-status" id="quota-status">
      <CardHeader
        title="Usage against quotas"
        description={status.data?.scopeName ? `${SCOPE_LABELS[target.scope]}: ${status.data.scopeName}` : "Settled usage in the current period of each quota."}
        actions={
          <div className="flex flex-wrap items-end gap-2">
            <Select
              aria-label="Scope"
              className="w-40"
              value={target.scope}
              onChange={(event) => onChange({ scope: event.target.value as StatusScope, scopeId: "" })}
              data-testid="status-scope"
            >
              {COUNTER_SCOPES.map((scope) => (
                <option key={scope} value={scope}>
                  {SCOPE_LABELS[scope]}
                </option>
              ))}
            </Select>
            {target.scope !== "org" && (
              <div className="w-72 xl:w-96 [&_label]:sr-only">
                <ScopeTargetSelect id="status-target" scope={target.scope} value={target.scopeId} onChange={(id) => onChange({ ...target, scopeId: id })} />
              </div>
            )}
          </div>
        }
      />
      {body}
    </Card>
  );
}
