// Every react-query key the console uses, in one factory. Each domain's keys start with the same
// root, so a mutation invalidates the whole domain with `queryKeys.<domain>.all`.

/** The API's maximum page size: lists in the console (and the pickers fed by them) show everything. */
export const LIST_PAGE_SIZE = 500;
export interface UserFilters {
  teamId?: string;
  role?: string;
  q?: string;
}

export interface KeyFilters {
  userId?: string;
  teamId?: string;
  status?: string;
}

export interface UsageFilters {
  keyId?: string;
  userId?: string;
  teamId?: string;
  model?: string;
  /** ok | error | refused */
  status?: string;
  requestId?: string;
  /** hit | semantic-hit | miss | shadow | none */
  cache?: string;
  /** "true" | "false" */
  fallback?: string;
  from: string;
  to: string;
  /** keyset cursor of the page (absent = the newest page) */
  cursor?: string;
  limit: number;
}

export interface TimeseriesParams {
  from: string;
  to: string;
  groupBy: "model" | "user";
  /** hourly buckets for short ranges (lib/charts/buckets.ts); absent = days */
  interval?: "day" | "hour";
}

/** Spend per key, user or team: of the ids on screen (sorted, so the key is stable) this month, or the top `limit` over a range. */
export interface SpendParams {
  by: "key" | "user" | "team";
  ids?: string;
  limit?: number;
  /** ISO bounds; absent = this month so far */
  from?: string;
  to?: string;
}

export const queryKeys = {
  me: () => ["me"] as const,
  teams: {
    all: ["teams"] as const,
    list: () => ["teams", "list"] as const,
  },
  users: {
    all: ["users"] as const,
    list: (filters: UserFilters = {}) => ["users", "list", filters] as const,
  },
  keys: {
    all: ["keys"] as const,
    list: (filters: KeyFilters = {}) => ["keys", "list", filters] as const,
  },
  providers: {
    all: ["providers"] as const,
    list: () => ["providers", "list"] as const,
  },
  models: {
    all: ["models"] as const,
    list: () => ["models", "list"] as const,
    playground: () => ["models", "playground"] as const,
  },
  usage: {
    all: ["usage"] as const,
    records: (filters: UsageFilters) => ["usage", "records", filters] as const,
    timeseries: (params: TimeseriesParams) => ["usage", "timeseries", params] as const,
    detail: (requestId: string) => ["usage", "detail", requestId] as const,
    spend: (params: SpendParams) => ["usage", "spend", params] as const,
  },
  limits: {
    all: ["limits"] as const,
    of: (scope: "key" | "user" | "team", id: string) => ["limits", scope, id] as const,
    mine: () => ["limits", "me"] as const,
  },
  capture: {
    all: ["capture"] as const,
    list: () => ["capture", "list"] as const,
  },
};
