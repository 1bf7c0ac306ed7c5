// The one place the console talks HTTP to the admin API: same-origin, session cookie, JSON both
// ways, non-2xx turned into ApiError.
import { apiErrorFromResponse } from "./api-error";

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** "?a=1&b=x" from the defined, non-empty params (empty filters mean "no filter"). */
export function toSearch(params: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export async function fetchJson<T>(
  path: string,
  init: { method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
    cache: "no-store",
  });
  if (!response.ok) throw await apiErrorFromResponse(response);
  // DELETE may answer 204 with no body.
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** What a query option reads, kept in its `meta` so the server page can serve it in-process. */
export interface AdminReadMeta extends Record<string, unknown> {
  path: string;
}

/**
 * The `queryFn` and `meta` of a query that GETs an admin API path: spread into `queryOptions` so the
 * path is written once and both the browser (fetch) and the server page's prefetch
 * (prefetch-admin.server.ts, which calls the route handler for `meta.path`) read the same URL.
 */
export function adminRead<T>(path: string): { queryFn: (context: { signal: AbortSignal }) => Promise<T>; meta: AdminReadMeta } {
  return {
    queryFn: ({ signal }) => fetchJson<T>(path, { signal }),
    meta: { path },
  };
}
