// How console pages prefetch (convention 6)
//   1. Every list/read query option in lib/query/*.ts is built with `...adminRead<T>(path)`
//      (fetch-json.ts), which puts the admin API path in `meta.path`.
//   2. page.tsx authorizes (requireSection), then
//        const state = await prefetchAdmin([{ query: teamsQuery(), handler: listTeams }]);
//      where `handler` is the GET that app/api/admin/<path>/route.ts re-exports from lib/<domain>.
//   3. It renders <HydrationBoundary state={state}><XPageClient … /></HydrationBoundary>.
//   4. The client calls useQuery(teamsQuery()) with exactly the key prefetched (same filters, page
//      size, and for date ranges the server's `now` passed down); its first paint has the data.
// A non-2xx answer (a role that may not read that list, a failure) is skipped: the client fetches
// it itself and shows its usual error state. The handler is the same code the browser would reach,
// so the seeded JSON is byte-for-byte what fetchJson would have returned.
import "server-only";
import { dehydrate, QueryClient, type DehydratedState, type QueryKey } from "@tanstack/react-query";
import { headers } from "next/headers";
import type { AdminRouteHandler } from "@/lib/http/admin-route";
import { logger } from "@/lib/logger";

export interface AdminPrefetch {
  /** Options from a lib/query factory; `meta.path` (set by adminRead) is the API path to serve. */
  query: { queryKey: QueryKey; meta?: Record<string, unknown> };
  /** The route handler serving that path: the `GET` that app/api/admin/<path>/route.ts re-exports. */
  handler: AdminRouteHandler;
}

// Handlers read only the path, query string and headers; the origin is never looked at.
const INTERNAL_ORIGIN = "http://tollgate.internal";

function pathOf(query: AdminPrefetch["query"]): string {
  const path = query.meta?.path;
  if (typeof path !== "string" || !path.startsWith("/api/admin/")) {
    throw new Error(`Query ${JSON.stringify(query.queryKey)} has no admin API path in meta.path; build it with adminRead()`);
  }
  return path;
}

/** Calls each handler in-process as the signed-in user (their `cookie`) and dehydrates the 2xx answers. */
export async function prefetchAdminQueries(prefetches: readonly AdminPrefetch[], cookie: string | null): Promise<DehydratedState> {
  const queryClient = new QueryClient();
  await Promise.all(
    prefetches.map(async ({ query, handler }) => {
      const path = pathOf(query);
      const request = new Request(new URL(path, INTERNAL_ORIGIN), {
        headers: cookie ? { accept: "application/json", cookie } : { accept: "application/json" },
      });
      const response = await handler(request, { params: Promise.resolve({}) });
      if (!response.ok) {
        logger().debug({ path, status: response.status }, "console prefetch skipped");
        return;
      }
      queryClient.setQueryData(query.queryKey, await response.json());
    }),
  );
  return dehydrate(queryClient);
}

/** For page.tsx: prefetch as the user of the incoming request. */
export async function prefetchAdmin(prefetches: readonly AdminPrefetch[]): Promise<DehydratedState> {
  return prefetchAdminQueries(prefetches, (await headers()).get("cookie"));
}
