// Per-call Prometheus series, counted from each call's usage event (lib/observability/report-call.ts):
//   tollgate_request_duration_seconds{endpoint,model,provider,status}     the whole call, as the client saw it
//   tollgate_upstream_latency_seconds{endpoint,model,provider,status}     the attempt that answered (or failed last)
//   tollgate_time_to_first_token_seconds{endpoint,model,provider,status}  streamed calls only
//   tollgate_tokens_total{model,provider,team,type}                       type = input | output
//   tollgate_cost_dollars_total{model,provider,team}                      at the prices the ledger books
// Labels are bounded (call-labels.ts). The proxy serves 10k+ calls a second on one thread, so these
// are tallies (tally-metrics.ts): one string key and one Map lookup per call find the call's series,
// then each observation is a few additions; Prometheus samples are built only when scraped.
import type { Registry } from "prom-client";
import type { UsageEvent } from "../usage/usage-event";
import { metrics } from "./metrics";
import { ModelLabels, providerLabel, statusClass, teamLabel } from "./call-labels";
import { TallyCounter, TallyHistogram, type CounterSeries, type HistogramSeries } from "./tally-metrics";

/** Seconds; from a cache hit's sub-millisecond answer to a long generation. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const TTFT_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

interface TimingSeries {
  duration: HistogramSeries;
  upstream: HistogramSeries;
  ttft: HistogramSeries;
}

interface SpendSeries {
  input: CounterSeries;
  output: CounterSeries;
  costMicros: CounterSeries;
}

type TimingLabel = "endpoint" | "model" | "provider" | "status";
type SpendLabel = "model" | "provider" | "team";

export class CallMetrics {
  private readonly duration: TallyHistogram<TimingLabel>;
  private readonly upstream: TallyHistogram<TimingLabel>;
  private readonly ttft: TallyHistogram<TimingLabel>;
  private readonly tokens: TallyCounter<SpendLabel | "type">;
  private readonly cost: TallyCounter<SpendLabel>;
  private readonly timing = new Map<string, TimingSeries>();
  private readonly spend = new Map<string, SpendSeries>();
  private readonly models = new ModelLabels();

  constructor(registry: Registry = metrics().registry) {
    const timingLabels = ["endpoint", "model", "provider", "status"] as const;
    this.duration = new TallyHistogram({ name: "tollgate_request_duration_seconds", help: "Proxied calls from arrival to the last byte of the answer, by endpoint, public model, provider and status class.", labelNames: timingLabels, buckets: DURATION_BUCKETS, registry });
    this.upstream = new TallyHistogram({ name: "tollgate_upstream_latency_seconds", help: "The upstream attempt that answered a call (or failed last), from sending it to its end, by endpoint, public model, provider and status class.", labelNames: timingLabels, buckets: DURATION_BUCKETS, registry });
    this.ttft = new TallyHistogram({ name: "tollgate_time_to_first_token_seconds", help: "Streamed calls: from arrival to the first generated token, by endpoint, public model, provider and status class.", labelNames: timingLabels, buckets: TTFT_BUCKETS, registry });
    this.tokens = new TallyCounter({ name: "tollgate_tokens_total", help: "Tokens of proxied calls as the ledger books them, by public model, provider, team and type (input, output).", labelNames: ["model", "provider", "team", "type"] as const, registry });
    this.cost = new TallyCounter({ name: "tollgate_cost_dollars_total", help: "Cost of proxied calls in US dollars as the ledger books it, by public model, provider and team.", labelNames: ["model", "provider", "team"] as const, registry, scale: 1e-6 });
  }

  observe(event: UsageEvent): void {
    const model = this.models.of(event);
    const provider = providerLabel(event);
    const status = statusClass(event.status);
    const timingKey = `${event.endpoint}\u0000${model}\u0000${provider}\u0000${status}`;
    let timing = this.timing.get(timingKey);
    if (!timing) {
      const values = [event.endpoint, model, provider, status];
      timing = { duration: this.duration.create(values), upstream: this.upstream.create(values), ttft: this.ttft.create(values) };
      this.timing.set(timingKey, timing);
    }
    timing.duration.observe(event.latencyMs / 1000);
    if (event.upstreamMs != null) timing.upstream.observe(event.upstreamMs / 1000);
    if (event.streamed && event.ttftMs != null) timing.ttft.observe(event.ttftMs / 1000);

    // A cache hit's tokens are the stored answer's, counted in tollgate_cache_tokens_saved_total.
    if (event.cache === "hit" || event.cache === "semantic-hit") return;
    if (event.inputTokens === 0 && event.outputTokens === 0 && event.costMicros === 0n) return;
    const team = teamLabel(event);
    const spendKey = `${model}\u0000${provider}\u0000${team}`;
    let spend = this.spend.get(spendKey);
    if (!spend) {
      spend = { input: this.tokens.create([model, provider, team, "input"]), output: this.tokens.create([model, provider, team, "output"]), costMicros: this.cost.create([model, provider, team]) };
      this.spend.set(spendKey, spend);
    }
    spend.input.inc(event.inputTokens);
    spend.output.inc(event.outputTokens);
    spend.costMicros.inc(Number(event.costMicros));
  }
}

const slot = globalThis as unknown as { tollgateCallMetrics?: CallMetrics };

/** The thread's per-call series (on globalThis: every copy of lib/ in a thread counts into one set). */
export function callMetrics(): CallMetrics {
  return (slot.tollgateCallMetrics ??= new CallMetrics());
}
