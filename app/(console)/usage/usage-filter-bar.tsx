"use client";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import type { DateRangeState } from "@/components/filters/use-date-range";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { keysQuery } from "@/lib/query/keys";
import { modelsQuery } from "@/lib/query/models";
import { teamsQuery } from "@/lib/query/teams";
import { usersQuery } from "@/lib/query/users";

export interface UsageFilterValues {
  model?: string;
  userId?: string;
  keyId?: string;
  teamId?: string;
  status?: string;
  cache?: string;
  fallback?: string;
  requestId?: string;
}

function FilterSelect({ id, label, value, onChange, children }: { id: string; label: string; value: string | undefined; onChange: (value: string | undefined) => void; children: ReactNode }) {
  return (
    <div className="w-[calc(50%-0.375rem)] space-y-1 sm:w-44">
      <Label htmlFor={id} className="text-xs text-slate-500">
        {label}
      </Label>
      <Select id={id} value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        {children}
      </Select>
    </div>
  );
}

/** Looks a call up by its x-request-id: applied on Enter or with the button, not per keystroke. */
function RequestIdSearch({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const [text, setText] = useState(value ?? "");
  return (
    <form
      className="flex w-full items-end gap-2 sm:w-auto"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(text.trim() || undefined);
      }}
    >
      <div className="w-full space-y-1 sm:w-64">
        <Label htmlFor="usage-request-id" className="text-xs text-slate-500">
          Request id
        </Label>
        <Input id="usage-request-id" value={text} placeholder="req_…" onChange={(event) => setText(event.target.value)} />
      </div>
      <Button type="submit" size="md">
        Find
      </Button>
    </form>
  );
}

export function UsageFilterBar({
  seesEveryone,
  recordsFallback,
  dateRange,
  values,
  onChange,
  onRangeChange,
}: {
  seesEveryone: boolean;
  /** routing records fallbacks on calls: only then can the log filter by them */
  recordsFallback: boolean;
  dateRange: DateRangeState;
  values: UsageFilterValues;
  onChange: (values: UsageFilterValues) => void;
  onRangeChange: () => void;
}) {
  const models = useQuery(modelsQuery());
  // Developers only see their own calls; user and team pickers would offer one option (and the API refuses the user list).
  const users = useQuery({ ...usersQuery(), enabled: seesEveryone });
  const teams = useQuery({ ...teamsQuery(), enabled: seesEveryone });
  const keys = useQuery(keysQuery());
  const set = (patch: UsageFilterValues) => onChange({ ...values, ...patch });
  // Phones show the range, status and request id; the other filters open with "More filters"
  // (already open when one of them is set).
  const [more, setMore] = useState(() => Boolean(values.model || values.teamId || values.userId || values.keyId || values.cache || values.fallback));
  const rangeState: DateRangeState = {
    ...dateRange,
    select: (selection) => {
      dateRange.select(selection);
      onRangeChange();
    },
  };

  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" data-testid="usage-filters">
      <DateRangeFilter state={rangeState} idPrefix="usage" />
      <FilterSelect id="usage-status" label="Status" value={values.status} onChange={(status) => set({ status })}>
        <option value="">Any status</option>
        <option value="ok">OK</option>
        <option value="error">Errors</option>
        <option value="refused">Refused</option>
      </FilterSelect>
      <Button size="md" className="sm:hidden" aria-expanded={more} onClick={() => setMore(!more)} data-testid="usage-more-filters">
        {more ? "Fewer filters" : "More filters"}
      </Button>
      <div className={more ? "contents" : "hidden sm:contents"}>
        <FilterSelect id="usage-model" label="Model" value={values.model} onChange={(model) => set({ model })}>
          <option value="">All models</option>
          {models.data?.data.map((model) => (
            <option key={model.id} value={model.name}>
              {model.name}
            </option>
          ))}
        </FilterSelect>
        {seesEveryone && (
          <FilterSelect id="usage-team" label="Team" value={values.teamId} onChange={(teamId) => set({ teamId })}>
            <option value="">All teams</option>
            {teams.data?.data.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </FilterSelect>
        )}
        {seesEveryone && (
          <FilterSelect id="usage-user" label="User" value={values.userId} onChange={(userId) => set({ userId })}>
            <option value="">All users</option>
            {users.data?.data.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </FilterSelect>
        )}
        <FilterSelect id="usage-key" label="Key" value={values.keyId} onChange={(keyId) => set({ keyId })}>
          <option value="">All keys</option>
          {keys.data?.data.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.prefix}…)
            </option>
          ))}
        </FilterSelect>
        <FilterSelect id="usage-cache" label="Cache" value={values.cache} onChange={(cache) => set({ cache })}>
          <option value="">Any</option>
          <option value="hit">Hit</option>
          <option value="semantic-hit">Semantic hit</option>
          <option value="miss">Miss</option>
          <option value="shadow">Shadow</option>
          <option value="none">Not consulted</option>
        </FilterSelect>
        {recordsFallback && (
          <FilterSelect id="usage-fallback" label="Fallback" value={values.fallback} onChange={(fallback) => set({ fallback })}>
            <option value="">Any</option>
            <option value="true">Served by a fallback</option>
            <option value="false">No fallback</option>
          </FilterSelect>
        )}
      </div>
      <RequestIdSearch value={values.requestId} onChange={(requestId) => set({ requestId })} />
    </div>
  );
}
