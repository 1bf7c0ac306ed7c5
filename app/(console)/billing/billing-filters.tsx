"use client";
// What the report is about (organization, a team, a user or a key) and which days it covers.
import { useQuery } from "@tanstack/react-query";
import { cn } from "@/components/ui/cn";
import { Label } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { PERIOD_PRESETS, periodProblem, type PeriodPreset, type PeriodSelection } from "@/lib/billing/billing-period";
import type { BillingScope } from "@/lib/billing/schemas";
import { keysQuery } from "@/lib/query/keys";
import { teamsQuery } from "@/lib/query/teams";
import { usersQuery } from "@/lib/query/users";
import { ScopeCombobox, type ComboboxOption } from "./scope-combobox";

const SCOPES: { value: BillingScope; label: string; placeholder: string }[] = [
  { value: "org", label: "Organization", placeholder: "" },
  { value: "team", label: "Team", placeholder: "Search teams…" },
  { value: "user", label: "User", placeholder: "Search users by e-mail or name…" },
  { value: "key", label: "Key", placeholder: "Search keys by name, prefix or owner…" },
];

export interface ScopeSelection {
  scope: BillingScope;
  scopeId?: string;
}

/** The picker's options for a scope, from the existing list endpoints (fetched only when shown). */
function useScopeOptions(scope: BillingScope): { options: ComboboxOption[]; loading: boolean } {
  const teams = useQuery({ ...teamsQuery(), enabled: scope === "team" });
  const users = useQuery({ ...usersQuery(), enabled: scope === "user" });
  const keys = useQuery({ ...keysQuery(), enabled: scope === "key" });
  switch (scope) {
    case "team":
      return { loading: teams.isLoading, options: (teams.data?.data ?? []).map((t) => ({ value: t.id, label: t.name, hint: `${t.memberCount} member(s)` })) };
    case "user":
      return { loading: users.isLoading, options: (users.data?.data ?? []).map((u) => ({ value: u.id, label: u.email, hint: u.name })) };
    case "key":
      return {
        loading: keys.isLoading,
        options: (keys.data?.data ?? []).map((k) => ({ value: k.id, label: k.name, hint: `${k.prefix}… · ${k.userEmail}${k.status === "active" ? "" : ` · ${k.status}`}` })),
      };
    case "org":
      return { loading: false, options: [] };
  }
}

export function BillingFilters({
  scope,
  onScopeChange,
  period,
  onPeriodChange,
  today,
  timeZone,
}: {
  scope: ScopeSelection;
  onScopeChange: (scope: ScopeSelection) => void;
  period: PeriodSelection;
  onPeriodChange: (period: PeriodSelection) => void;
  /** today in the deployment's zone, to seed a custom range */
  today: string;
  timeZone: string;
}) {
  const { options, loading } = useScopeOptions(scope.scope);
  const current = SCOPES.find((s) => s.value === scope.scope)!;
  const problem = period.preset === "custom" && period.fromDay && period.toDay ? periodProblem(period) : null;

  return (
    <div className="mb-6 flex flex-wrap items-end gap-3 print:hidden" data-testid="billing-filters">
      <div className="space-y-1">
        <span className="block text-xs font-medium text-slate-500">Scope</span>
        <div role="group" aria-label="Report scope" className="inline-flex h-9 items-center rounded-md bg-white p-0.5 shadow-sm ring-1 ring-slate-300">
          {SCOPES.map((option) => (
            <button
              key={option.value}
              type="button"
              aria-pressed={scope.scope === option.value}
              data-testid={`billing-scope-${option.value}`}
              onClick={() => onScopeChange({ scope: option.value })}
              className={cn(
                "h-full rounded px-3 text-xs font-medium transition-colors focus-visible:outline-2 focus-visible:outline-indigo-600",
                scope.scope === option.value ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100",
              )}
            >
              {option.label}
            </button>
          ))}
        </div>
      </div>
      {scope.scope !== "org" && (
        <div className="space-y-1">
          <Label htmlFor="billing-scope-target" className="text-xs text-slate-500">
            {current.label}
          </Label>
          <ScopeCombobox
            id="billing-scope-target"
            testId="billing-scope-target"
            options={options}
            loading={loading}
            value={scope.scopeId}
            placeholder={current.placeholder}
            onChange={(scopeId) => onScopeChange({ scope: scope.scope, scopeId })}
          />
        </div>
      )}
      <div className="space-y-1">
        <Label htmlFor="billing-period" className="text-xs text-slate-500">
          Period
        </Label>
        <Select
          id="billing-period"
          data-testid="billing-period"
          className="w-44"
          value={period.preset}
          onChange={(event) => {
            const preset = event.target.value as PeriodPreset;
            onPeriodChange(preset === "custom" ? { preset, fromDay: period.fromDay ?? today, toDay: period.toDay ?? today } : { preset });
          }}
        >
          {PERIOD_PRESETS.map((preset) => (
            <option key={preset.value} value={preset.value}>
              {preset.label}
            </option>
          ))}
        </Select>
      </div>
      {period.preset === "custom" && (
        <>
          {(["fromDay", "toDay"] as const).map((field) => (
            <div key={field} className="space-y-1">
              <Label htmlFor={`billing-${field}`} className="text-xs text-slate-500">
                {field === "fromDay" ? "First day" : "Last day"}
              </Label>
              <Input
                id={`billing-${field}`}
                type="date"
                data-testid={`billing-${field}`}
                className="w-40"
                value={period[field] ?? ""}
                aria-invalid={problem ? true : undefined}
                onChange={(event) => onPeriodChange({ ...period, [field]: event.target.value })}
              />
            </div>
          ))}
          {problem && (
            <p role="alert" className="pb-2 text-xs text-red-600">
              {problem}
            </p>
          )}
        </>
      )}
      <p className="pb-2 text-xs text-slate-500">Days in {timeZone}</p>
    </div>
  );
}
