"use client";
// The filter form. Text filters apply on submit (Enter or "Apply"), not per keystroke, so typing an
// email does not fire a query for every letter; the date inputs are UTC days, like the usage page.
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { AuditFilterValues } from "./audit-query";

/** Suggestions only: other domains add their own actions and target types. */
const ACTION_SUGGESTIONS = [
  "auth.",
  "auth.sign_in",
  "auth.sign_in_failed",
  "team.",
  "user.",
  "key.",
  "key.revoke",
  "provider.",
  "model.",
  "quota.",
  "rate_limit.",
  "alert_rule.",
];
const TARGET_TYPE_SUGGESTIONS = ["team", "user", "key", "provider", "model", "quota", "rate_limit", "alert_rule"];

const FIELDS: { name: keyof AuditFilterValues; label: string; placeholder?: string; type?: "date"; list?: string; width: string }[] = [
  { name: "actor", label: "Actor", placeholder: "Email or id", width: "w-56" },
  { name: "action", label: "Action", placeholder: "team.create or team.", list: "audit-action-suggestions", width: "w-48" },
  { name: "targetType", label: "Target type", placeholder: "Any", list: "audit-target-type-suggestions", width: "w-36" },
  { name: "targetId", label: "Target id", placeholder: "Any", width: "w-48" },
  { name: "from", label: "From (UTC)", type: "date", width: "w-40" },
  { name: "to", label: "To (UTC)", type: "date", width: "w-40" },
];

function clean(values: AuditFilterValues): AuditFilterValues {
  const out: AuditFilterValues = {};
  for (const field of FIELDS) {
    const value = values[field.name]?.trim();
    if (value) out[field.name] = value;
  }
  return out;
}

export function AuditFilterBar({ applied, onApply }: { applied: AuditFilterValues; onApply: (filters: AuditFilterValues) => void }) {
  // Starts from the applied filter; the page re-mounts this form (key) when the table applies one.
  const [draft, setDraft] = useState<AuditFilterValues>(applied);
  const active = Object.keys(applied).length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(clean(draft));
  };

  return (
    <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-3" data-testid="audit-filters" aria-label="Filter the audit log">
      {FIELDS.map((field) => (
        <div key={field.name} className="space-y-1">
          <Label htmlFor={`audit-${field.name}`} className="text-xs text-slate-500">
            {field.label}
          </Label>
          <Input
            id={`audit-${field.name}`}
            data-testid={`audit-filter-${field.name}`}
            type={field.type ?? "text"}
            list={field.list}
            className={field.width}
            placeholder={field.placeholder}
            value={draft[field.name] ?? ""}
            onChange={(event) => setDraft({ ...draft, [field.name]: event.target.value })}
          />
        </div>
      ))}
      <datalist id="audit-action-suggestions">
        {ACTION_SUGGESTIONS.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <datalist id="audit-target-type-suggestions">
        {TARGET_TYPE_SUGGESTIONS.map((type) => (
          <option key={type} value={type} />
        ))}
      </datalist>
      <div className="flex gap-2">
        <Button type="submit" variant="primary" data-testid="audit-filter-apply">
          Apply
        </Button>
        {active && (
          <Button
            data-testid="audit-filter-clear"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            Clear
          </Button>
        )}
      </div>
    </form>
  );
}
