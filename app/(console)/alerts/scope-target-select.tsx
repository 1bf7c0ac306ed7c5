"use client";
// Picks what a rule watches: one key, user or team (loaded only when that scope is chosen), or the
// whole organization.
import { useQuery } from "@tanstack/react-query";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import type { AlertScope } from "@/lib/alerts/schemas";
import { fieldErrorOf } from "@/lib/query/api-error";
import { keysQuery } from "@/lib/query/keys";
import { teamsQuery } from "@/lib/query/teams";
import { usersQuery } from "@/lib/query/users";

export function ScopeTargetSelect({
  scope,
  value,
  onChange,
  error,
}: {
  scope: AlertScope;
  value: string;
  onChange: (scopeId: string) => void;
  error: unknown;
}) {
  const keys = useQuery({ ...keysQuery(), enabled: scope === "key" });
  const users = useQuery({ ...usersQuery(), enabled: scope === "user" });
  const teams = useQuery({ ...teamsQuery(), enabled: scope === "team" });

  if (scope === "org") {
    return (
      <div className="space-y-1.5">
        <span className="block text-sm font-medium text-slate-700">Target</span>
        <p className="flex h-9 items-center text-sm text-slate-600">Every call in the organization</p>
      </div>
    );
  }

  // Revoked keys and disabled users are left out, unless the rule already watches one.
  const options =
    scope === "key"
      ? (keys.data?.data ?? []).filter((k) => k.status === "active" || k.id === value).map((k) => ({ id: k.id, label: `${k.name} (${k.prefix}…, ${k.userEmail})` }))
      : scope === "user"
        ? (users.data?.data ?? []).filter((u) => !u.disabled || u.id === value).map((u) => ({ id: u.id, label: `${u.name} — ${u.email}` }))
        : (teams.data?.data ?? []).map((t) => ({ id: t.id, label: t.name }));
  const loading = { key: keys, user: users, team: teams }[scope].isLoading;

  return (
    <Field id="alert-rule-target" label={scope === "key" ? "Key" : scope === "user" ? "User" : "Team"} error={fieldErrorOf(error, "scopeId")}>
      {(control) => (
        <Select {...control} value={value} onChange={(event) => onChange(event.target.value)} disabled={loading} data-testid="alert-rule-target">
          <option value="">{loading ? "Loading…" : `Choose a ${scope}`}</option>
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
