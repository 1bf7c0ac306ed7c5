"use client";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { DateRangeFilter } from "@/components/filters/date-range-filter";
import type { DateRangeState } from "@/components/filters/use-date-range";
import { Label } from "@/components/ui/field";
import { Select } from "@/components/ui/input";
import { keysQuery } from "@/lib/query/keys";
import { modelsQuery } from "@/lib/query/models";
import { usersQuery } from "@/lib/query/users";

export interface UsageFilterValues {
  model?: string;
  userId?: string;
  keyId?: string;
}

function FilterSelect({ id, label, value, onChange, children }: { id: string; label: string; value: string | undefined; onChange: (value: string | undefined) => void; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs text-slate-500">
        {label}
      </Label>
      <Select id={id} className="w-52" value={value ?? ""} onChange={(event) => onChange(event.target.value || undefined)}>
        {children}
      </Select>
    </div>
  );
}

export function UsageFilterBar({
  seesEveryone,
  dateRange,
  values,
  onChange,
  onRangeChange,
}: {
  seesEveryone: boolean;
  dateRange: DateRangeState;
  values: UsageFilterValues;
  onChange: (values: UsageFilterValues) => void;
  onRangeChange: () => void;
}) {
  const models = useQuery(modelsQuery());
  // Developers only see their own calls; a user picker would offer one option (and the API refuses the list).
  const users = useQuery({ ...usersQuery(), enabled: seesEveryone });
  const keys = useQuery(keysQuery());
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
      <FilterSelect id="usage-model" label="Model" value={values.model} onChange={(model) => onChange({ ...values, model })}>
        <option value="">All models</option>
        {models.data?.data.map((model) => (
          <option key={model.id} value={model.name}>
            {model.name}
          </option>
        ))}
      </FilterSelect>
      {seesEveryone && (
        <FilterSelect id="usage-user" label="User" value={values.userId} onChange={(userId) => onChange({ ...values, userId })}>
          <option value="">All users</option>
          {users.data?.data.map((user) => (
            <option key={user.id} value={user.id}>
              {user.email}
            </option>
          ))}
        </FilterSelect>
      )}
      <FilterSelect id="usage-key" label="Key" value={values.keyId} onChange={(keyId) => onChange({ ...values, keyId })}>
        <option value="">All keys</option>
        {keys.data?.data.map((key) => (
          <option key={key.id} value={key.id}>
            {key.name} ({key.prefix}…)
          </option>
        ))}
      </FilterSelect>
    </div>
  );
}
