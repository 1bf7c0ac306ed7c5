"use client";
// A mutation that refreshes the lists it changed. Every console write goes through this, so "after
// saving, the table shows the new row" holds everywhere without per-page wiring.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";

export function useInvalidatingMutation<TVariables, TData>(
  mutationFn: (variables: TVariables) => Promise<TData>,
  invalidates: readonly QueryKey[],
  onSuccess?: (data: TData, variables: TVariables) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (data, variables) => {
      await Promise.all(invalidates.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onSuccess?.(data, variables);
    },
  });
}
