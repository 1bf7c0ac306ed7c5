// Prometheus series of the response cache, registered in the thread's registry (lib/metrics):
//   tollgate_cache_lookups_total{model,result}     result = hit | semantic-hit | miss | shadow | bypass
//   tollgate_cache_stores_total{model}             answers stored
//   tollgate_cache_tokens_saved_total{model}       tokens of the answers served from the cache
//   tollgate_cache_cost_saved_dollars_total{model} what those answers would have cost
//   tollgate_cache_semantic_lookup_seconds         embedding + nearest-neighbour search
//   tollgate_cache_memory_entries / _bytes         the in-process tier (read at scrape time)
// Like every metric, on a globalThis slot: each copy of lib/ in a thread counts into one set.
// The counters are tallies (lib/metrics/tally-metrics.ts): one or two of them move on every proxied
// call while the cache is on, and prom-client hashes its label object on every `inc`.
import { Gauge, Histogram } from "prom-client";
import { metrics } from "../metrics/metrics";
import { TallyCounter } from "../metrics/tally-metrics";
import { cacheRuntime } from "./cache-runtime";

class CacheMetrics {
  private readonly lookups: TallyCounter<"model" | "result">;
  private readonly stores: TallyCounter<"model">;
  private readonly tokensSaved: TallyCounter<"model">;
  private readonly costSaved: TallyCounter<"model">;
  private readonly semanticSeconds: Histogram;

  constructor() {
    const registry = metrics().registry;
    const registers = [registry];
    this.lookups = new TallyCounter({ name: "tollgate_cache_lookups_total", help: "Response cache verdicts on proxy calls, by model and result (hit, semantic-hit, miss, shadow, bypass).", labelNames: ["model", "result"] as const, registry });
    this.stores = new TallyCounter({ name: "tollgate_cache_stores_total", help: "Answers stored in the response cache, by model.", labelNames: ["model"] as const, registry });
    this.tokensSaved = new TallyCounter({ name: "tollgate_cache_tokens_saved_total", help: "Tokens of the answers served from the response cache, by model.", labelNames: ["model"] as const, registry });
    this.costSaved = new TallyCounter({ name: "tollgate_cache_cost_saved_dollars_total", help: "What the answers served from the response cache would have cost at the model's prices, by model.", labelNames: ["model"] as const, registry });
    this.semanticSeconds = new Histogram({ name: "tollgate_cache_semantic_lookup_seconds", help: "Semantic cache lookups: embedding the prompt and searching the index.", buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers });
    const memoryTotals = () => {
      let entries = 0;
      let bytes = 0;
      for (const stats of cacheRuntime().memory.allStats()) {
        entries += stats.entries;
        bytes += stats.bytes;
      }
      return { entries, bytes };
    };
    new Gauge({ name: "tollgate_cache_memory_entries", help: "Entries held in this thread's in-process cache tier.", registers, collect() { this.set(memoryTotals().entries); } });
    new Gauge({ name: "tollgate_cache_memory_bytes", help: "Bytes (as counted against maxBytes) held in this thread's in-process cache tier.", registers, collect() { this.set(memoryTotals().bytes); } });
  }

  hit(model: string, result: "hit" | "semantic-hit"): void {
    this.lookups.inc([model, result]);
  }

  miss(model: string): void {
    this.lookups.inc([model, "miss"]);
  }

  shadow(model: string): void {
    this.lookups.inc([model, "shadow"]);
  }

  bypass(model: string): void {
    this.lookups.inc([model, "bypass"]);
  }

  stored(model: string): void {
    this.stores.inc([model]);
  }

  saved(model: string, tokens: number, dollars: number): void {
    this.tokensSaved.inc([model], tokens);
    this.costSaved.inc([model], dollars);
  }

  semanticLookup(ms: number): void {
    this.semanticSeconds.observe(ms / 1000);
  }
}

const slot = globalThis as unknown as { tollgateCacheMetrics?: CacheMetrics };

export function cacheMetrics(): CacheMetrics {
  slot.tollgateCacheMetrics ??= new CacheMetrics();
  return slot.tollgateCacheMetrics;
}
