// Users: list query options and mutations for /api/admin/users.
import { queryOptions } from "@tanstack/react-query";
import { adminRead, fetchJson, toSearch } from "./fetch-json";
import { LIST_PAGE_SIZE, queryKeys, type UserFilters } from "./query-keys";
import type { CreateUserBody, ListResponse, UpdateUserBody, User } from "./types";

export function usersQuery(filters: UserFilters = {}) {
  return queryOptions({
    queryKey: queryKeys.users.list(filters),
    ...adminRead<ListResponse<User>>(`/api/admin/users${toSearch({ ...filters, pageSize: LIST_PAGE_SIZE })}`),
  });
}

export function createUser(input: CreateUserBody): Promise<User> {
  return fetchJson<User>("/api/admin/users", { method: "POST", body: input });
}

/** Any subset of fields; `teamId: null` takes the user out of their team. */
export function updateUser(id: string, input: UpdateUserBody): Promise<User> {
  return fetchJson<User>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "PATCH", body: input });
}

export function deleteUser(id: string): Promise<void> {
  return fetchJson<void>(`/api/admin/users/${encodeURIComponent(id)}`, { method: "DELETE" });
}
