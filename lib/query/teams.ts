// Teams: list query options and mutations for /api/admin/teams.
import { queryOptions } from "@tanstack/react-query";
import { adminRead, fetchJson, toSearch } from "./fetch-json";
import { LIST_PAGE_SIZE, queryKeys } from "./query-keys";
import type { CreateTeamBody, ListResponse, Team, UpdateTeamBody } from "./types";

export function teamsQuery() {
  return queryOptions({
    queryKey: queryKeys.teams.list(),
    ...adminRead<ListResponse<Team>>(`/api/admin/teams${toSearch({ pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function createTeam(input: CreateTeamBody): Promise<Team> {
  return fetchJson<Team>("/api/admin/teams", { method: "POST", body: input });
}

export function updateTeam(id: string, input: UpdateTeamBody): Promise<Team> {
  return fetchJson<Team>(`/api/admin/teams/${encodeURIComponent(id)}`, { method: "PATCH", body: input });
}

export function deleteTeam(id: string): Promise<void> {
  return fetchJson<void>(`/api/admin/teams/${encodeURIComponent(id)}`, { method: "DELETE" });
}
