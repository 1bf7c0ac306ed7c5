// One QueryClient per browser tab. Client errors (4xx) are answers, not glitches, so they are not
// retried; network and 5xx failures get two more tries.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-error";

const MAX_RETRIES = 2;

export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: shouldRetry,
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}
