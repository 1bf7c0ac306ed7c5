"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { teamsQuery } from "@/lib/query/teams";

/** The organization's teams for pickers, and a name for an id (entries and jobs carry ids). */
export function useTeamNames() {
  const teams = useQuery(teamsQuery());
  return useMemo(() => {
    const list = teams.data?.data ?? [];
    const names = new Map(list.map((team) => [team.id, team.name]));
    return { list, nameOf: (id: string | null) => (id === null ? "No team" : (names.get(id) ?? id)) };
  }, [teams.data]);
}
