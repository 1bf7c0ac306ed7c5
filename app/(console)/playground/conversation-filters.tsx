"use client";
import { Input, Select } from "@/components/ui/input";
import type { Model } from "@/lib/query/types";
import type { ConversationFilters } from "./conversations-api";

const SORTS: { value: string; label: string }[] = [
  { value: "updated:desc", label: "Last active" },
  { value: "updated:asc", label: "Least recently active" },
  { value: "created:desc", label: "Newest" },
  { value: "created:asc", label: "Oldest" },
  { value: "title:asc", label: "Title A–Z" },
  { value: "title:desc", label: "Title Z–A" },
];

/** Search (titles and message text), model, creation dates and sort of the saved conversations. */
export function ConversationFiltersBar({ filters, models, search, onSearch, onChange }: {
  filters: ConversationFilters;
  models: Model[];
  search: string;
  onSearch: (text: string) => void;
  onChange: (change: Partial<ConversationFilters>) => void;
}) {
  return (
    <div className="space-y-2">
      <label htmlFor="conversation-search" className="sr-only">Search conversations</label>
      <Input id="conversation-search" type="search" placeholder="Search titles and messages" value={search} onChange={(event) => onSearch(event.target.value)} data-testid="conversation-search" />
      {/* Two a row on a phone; one a row from lg, where the panel is 18rem and two side by side cut
          "Any model" / "Last active" and the date fields' mm/dd/yyyy. */}
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-1">
        <Select aria-label="Model" value={filters.model} onChange={(event) => onChange({ model: event.target.value, page: 1 })} data-testid="conversation-model-filter">
          <option value="">Any model</option>
          {models.map((model) => (
            <option key={model.id} value={model.name}>{model.name}</option>
          ))}
        </Select>
        <Select
          aria-label="Sort"
          value={`${filters.sort}:${filters.order}`}
          onChange={(event) => {
            const [sort, order] = event.target.value.split(":") as [ConversationFilters["sort"], ConversationFilters["order"]];
            onChange({ sort, order, page: 1 });
          }}
          data-testid="conversation-sort"
        >
          {SORTS.map((sort) => (
            <option key={sort.value} value={sort.value}>{sort.label}</option>
          ))}
        </Select>
        <Input type="date" aria-label="Created from" value={filters.from} onChange={(event) => onChange({ from: event.target.value, page: 1 })} data-testid="conversation-from" />
        <Input type="date" aria-label="Created until" value={filters.to} onChange={(event) => onChange({ to: event.target.value, page: 1 })} data-testid="conversation-to" />
      </div>
    </div>
  );
}
