"use client";
import { useQuery } from "@tanstack/react-query";
import { Input, Select } from "@/components/ui/input";
import type { UserFilters } from "@/lib/query/query-keys";
import { teamsQuery } from "@/lib/query/teams";

export function UserFilterBar({ filters, onChange }: { filters: UserFilters; onChange: (filters: UserFilters) => void }) {
  const teams = useQuery(teamsQuery());
  return (
    <div className="mb-4 flex flex-wrap items-center gap-2">
      <label htmlFor="users-search" className="sr-only">
        Search users
      </label>
      <Input
        id="users-search"
        type="search"
        placeholder="Search name or email"
        className="w-64"
        value={filters.q ?? ""}
        onChange={(event) => onChange({ ...filters, q: event.target.value || undefined })}
      />
      <label htmlFor="users-role" className="sr-only">
        Role
      </label>
      <Select id="users-role" className="w-40" value={filters.role ?? ""} onChange={(event) => onChange({ ...filters, role: event.target.value || undefined })}>
        <option value="">All roles</option>
        <option value="admin">Admin</option>
        <option value="developer">Developer</option>
        <option value="viewer">Viewer</option>
      </Select>
      <label htmlFor="users-team" className="sr-only">
        Team
      </label>
      <Select id="users-team" className="w-48" value={filters.teamId ?? ""} onChange={(event) => onChange({ ...filters, teamId: event.target.value || undefined })}>
        <option value="">All teams</option>
        {teams.data?.data.map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </Select>
    </div>
  );
}
