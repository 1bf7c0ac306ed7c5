"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Label } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { playgroundModelsQuery } from "@/lib/query/models";
import type { Team } from "@/lib/query/types";
import type { CacheEntryFilters } from "./cache-api";

const TEXT_DELAY_MS = 300;

/** Model, team and text filters; the text is sent once typing pauses. */
export function CacheEntryFilterBar({
  filters,
  onChange,
  teams,
  idPrefix = "cache-entries",
  withText = true,
}: {
  filters: CacheEntryFilters;
  onChange: (filters: CacheEntryFilters) => void;
  teams: Team[];
  idPrefix?: string;
  /** the prompt-text search (the shadow list has none) */
  withText?: boolean;
}) {
  const models = useQuery(playgroundModelsQuery());
  const [text, setText] = useState(filters.q ?? "");
  useEffect(() => {
    const timer = setTimeout(() => {
      const q = text.trim() || undefined;
      if (q !== filters.q) onChange({ ...filters, q });
    }, TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, filters, onChange]);

  return (
    <div className="flex flex-wrap items-end gap-3 border-b border-slate-100 px-4 py-3">
      <div className="space-y-1">
        <Label htmlFor={`${idPrefix}-model`} className="text-xs text-slate-500">
          Model
        </Label>
        <Select id={`${idPrefix}-model`} className="w-48" value={filters.model ?? ""} onChange={(event) => onChange({ ...filters, model: event.target.value || undefined })}>
          <option value="">All models</option>
          {models.data?.data.map((model) => (
            <option key={model.id} value={model.name}>
              {model.name}
            </option>
          ))}
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${idPrefix}-team`} className="text-xs text-slate-500">
          Team
        </Label>
        <Select id={`${idPrefix}-team`} className="w-48" value={filters.teamId ?? ""} onChange={(event) => onChange({ ...filters, teamId: event.target.value || undefined })}>
          <option value="">All teams</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </Select>
      </div>
      {withText && (
      <div className="min-w-48 flex-1 space-y-1">
        <Label htmlFor={`${idPrefix}-q`} className="text-xs text-slate-500">
          Prompt contains
        </Label>
        <Input id={`${idPrefix}-q`} type="search" placeholder="Search the prompts" value={text} onChange={(event) => setText(event.target.value)} data-testid={`${idPrefix}-search`} />
      </div>
      )}
    </div>
  );
}
