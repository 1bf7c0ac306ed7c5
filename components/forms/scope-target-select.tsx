"use client";
// Picks what a quota, rate limit or alert rule applies to: a key, user or team (each list loaded
// only when its scope is chosen), a tier (quotas only), or the whole organization.
import { useQuery } from "@tanstack/react-query";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { TIERS, type QuotaScope } from "@/lib/quotas/schemas";
import { keysQuery } from "@/lib/query/keys";
import { teamsQuery } from "@/lib/query/teams";
import { usersQuery } from "@/lib/query/users";

const LABELS: Record<QuotaScope, string> = { key: "Key", user: "User", team: "Team", org: "Organization", tier: "Tier" };

export function ScopeTargetSelect({
  id,
  scope,
  value,
  onChange,
  error,
  disabled,
}: {
  id: string;
  scope: QuotaScope;
  value: string;
  onChange: (scopeId: string) => void;
  /** the form's message for scopeId */
  error?: string;
  disabled?: boolean;
}) {
  const keys = useQuery({ ...keysQuery(), enabled: scope === "key" });
  const users = useQuery({ ...usersQuery(), enabled: scope === "user" });
  const teams = useQuery({ ...teamsQuery(), enabled: scope === "team" });

  if (scope === "org") {
    return (
      <div className="space-y-1.5">
        <span className="block text-sm font-medium text-slate-700">Applies to</span>
        <p className="flex h-9 items-center text-sm text-slate-600">Every call in the organization</p>
      </div>
    );
  }

  // Revoked keys and disabled users are left out, unless the quota, limit or rule is already theirs.
  const options =
    scope === "tier"
      ? TIERS.map((tier) => ({ id: tier, label: tier }))
      : scope === "key"
        ? (keys.data?.data ?? []).filter((k) => k.status === "active" || k.id === value).map((k) => ({ id: k.id, label: `${k.name} (${k.prefix}…, ${k.userEmail})` }))
        : scope === "user"
          ? (users.data?.data ?? []).filter((u) => !u.disabled || u.id === value).map((u) => ({ id: u.id, label: `${u.name} — ${u.email}` }))
          : (teams.data?.data ?? []).map((t) => ({ id: t.id, label: t.name }));
  const loading = scope === "tier" ? false : { key: keys, user: users, team: teams }[scope].isLoading;

  return (
    <Field id={id} label={LABELS[scope]} error={error}>
      {(control) => (
        <Select {...control} value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled || loading} data-testid={id}>
          <option value="">{loading ? "Loading…" : `Choose a ${LABELS[scope].toLowerCase()}`}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
}
