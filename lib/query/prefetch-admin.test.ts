import { hydrate, QueryClient, type DehydratedState } from "@tanstack/react-query";
import { beforeAll, describe, expect, it } from "vitest";
import { uniqueSuffix } from "../../test/support/test-ids";
import { adminRequest, callRoute, createTestUser, enableTestAdminApiKey, sessionCookieFor } from "../http/admin-test-support";
import * as keysRoute from "../keys/keys-route";
import * as teamsRoute from "../teams/teams-route";
import * as timeseriesRoute from "../usage/usage-timeseries-route";
import * as usersRoute from "../users/users-route";
import { keysQuery } from "./keys";
import { prefetchAdminQueries } from "./prefetch-admin.server";
import { queryKeys } from "./query-keys";
import { teamsQuery } from "./teams";
import { defaultUsageRange, usageTimeseriesQuery } from "./usage";
import { usersQuery } from "./users";

beforeAll(() => enableTestAdminApiKey());

/** What the browser's cache holds after <HydrationBoundary state={state}>. */
function browserCache(state: DehydratedState): QueryClient {
  const client = new QueryClient();
  hydrate(client, state);
  return client;
}

describe("prefetchAdminQueries", () => {
  it("seeds the client cache, under the key the page asks for, with exactly the API's JSON", async () => {
    const admin = await createTestUser({ role: "admin", suffix: uniqueSuffix() });
    const name = `Prefetched team ${uniqueSuffix()}`;
    const created = await callRoute(teamsRoute.POST, adminRequest("/api/admin/teams", { method: "POST", body: { name } }));
    expect(created.status).toBe(201);

    const { cookie } = await sessionCookieFor(admin);
    const state = await prefetchAdminQueries([{ query: teamsQuery(), handler: teamsRoute.GET }], cookie);

    const cached = browserCache(state).getQueryState(teamsQuery().queryKey);
    const fromApi = await callRoute(teamsRoute.GET, adminRequest("/api/admin/teams?pageSize=500", { auth: { cookie } }));
    expect(cached?.data).toEqual(fromApi.body);
    expect(cached?.data?.data.map((team) => team.name)).toContain(name);
    // Fresh, so the client's staleTime keeps it from refetching right after hydration.
    expect(Date.now() - (cached?.dataUpdatedAt ?? 0)).toBeLessThan(5_000);
  });

  it("serves the query string of the options (filters, date range) to the handler", async () => {
    const admin = await createTestUser({ role: "admin", suffix: uniqueSuffix() });
    const { cookie } = await sessionCookieFor(admin);
    const now = new Date();
    const range = defaultUsageRange(now);
    const query = usageTimeseriesQuery({ ...range, groupBy: "model" });
    const state = await prefetchAdminQueries([{ query, handler: timeseriesRoute.GET }], cookie);
    const cached = browserCache(state).getQueryData(query.queryKey);
    expect(cached).toMatchObject({ from: range.from, to: range.to });
    // The range is a pure function of `now`: the client, given the same instant, builds the same key.
    expect(usageTimeseriesQuery({ ...defaultUsageRange(new Date(now.toISOString())), groupBy: "model" }).queryKey).toEqual(query.queryKey);
  });

  it("prefetches a developer's own keys and skips the lists their role may not read", async () => {
    const developer = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    const someoneElse = await createTestUser({ role: "developer", suffix: uniqueSuffix() });
    for (const owner of [developer, someoneElse]) {
      const key = await callRoute(keysRoute.POST, adminRequest("/api/admin/keys", { method: "POST", body: { userId: owner.id, name: `k-${owner.id}` } }));
      expect(key.status).toBe(201);
    }

    const { cookie } = await sessionCookieFor(developer);
    const state = await prefetchAdminQueries(
      [
        { query: keysQuery(), handler: keysRoute.GET },
        { query: usersQuery(), handler: usersRoute.GET },
      ],
      cookie,
    );

    const cache = browserCache(state);
    const keys = cache.getQueryData(keysQuery().queryKey);
    expect(keys?.data.map((key) => key.userId)).toEqual([developer.id]);
    // 403 for a developer: left out, so the client fetches it itself and shows its own error state.
    expect(cache.getQueryState(usersQuery().queryKey)).toBeUndefined();
    expect(state.queries.map((query) => query.queryKey)).toEqual([queryKeys.keys.list({})]);
  });

  it("seeds nothing without a session", async () => {
    const state = await prefetchAdminQueries([{ query: teamsQuery(), handler: teamsRoute.GET }], null);
    expect(state.queries).toEqual([]);
  });

  it("refuses options that do not name their admin API path", async () => {
    const bare = { queryKey: ["teams", "list"] as const };
    await expect(prefetchAdminQueries([{ query: bare, handler: teamsRoute.GET }], null)).rejects.toThrow(/adminRead/);
  });
});
