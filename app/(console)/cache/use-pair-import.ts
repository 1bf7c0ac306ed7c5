"use client";
// Sends parsed question–answer pairs to POST /api/admin/cache/entries a few at a time and keeps
// the outcome of each line, so the admin sees which lines were imported and why others were not.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { CachePair } from "@/lib/cache-warmup/parse-cache-pairs";
import type { WarmupLineError } from "@/lib/cache-warmup/schemas";
import { errorMessage } from "@/lib/query/api-error";
import { cacheKeys, importCachePair } from "./cache-api";

const AT_ONCE = 4;

export interface PairImportState {
  running: boolean;
  total: number;
  imported: number;
  failures: WarmupLineError[];
}

const IDLE: PairImportState = { running: false, total: 0, imported: 0, failures: [] };

export function usePairImport() {
  const queryClient = useQueryClient();
  const [state, setState] = useState<PairImportState>(IDLE);
  const run = useCallback(
    async (pairs: CachePair[], target: { model: string; teamId?: string; keyId?: string }) => {
      setState({ running: true, total: pairs.length, imported: 0, failures: [] });
      let next = 0;
      const worker = async () => {
        while (next < pairs.length) {
          const pair = pairs[next++];
          try {
            await importCachePair({ ...target, messages: pair.messages, answer: pair.answer });
            setState((s) => ({ ...s, imported: s.imported + 1 }));
          } catch (error) {
            setState((s) => ({ ...s, failures: [...s.failures, { line: pair.line, message: errorMessage(error) }] }));
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(AT_ONCE, pairs.length) }, worker));
      setState((s) => ({ ...s, running: false, failures: [...s.failures].sort((a, b) => a.line - b.line) }));
      await queryClient.invalidateQueries({ queryKey: cacheKeys.all });
    },
    [queryClient],
  );
  return { state, run, reset: () => setState(IDLE) };
}
