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
  model?: string;
  from: string;
  to: string;
  page: number;
  pageSize: number;
}

export interface TimeseriesParams {
  from: string;
  to: string;
  groupBy: "model" | "user";
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
  },
};
