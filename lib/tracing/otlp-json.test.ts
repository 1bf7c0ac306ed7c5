// The OTLP/HTTP JSON the export thread writes from recorded spans (otlp-json.ts, gen-ai.ts,
// json-writer.ts): hex ids from 32-bit words, nanosecond strings, the OTLP kinds, typed attribute
// values, absent values left out, strings escaped (quotes, control characters, non-ASCII) so that
// the body is valid JSON that says exactly what was recorded.
import { describe, expect, it } from "vitest";
import { JsonWriter } from "./json-writer";
import { encodeOtlpJson } from "./otlp-json";
import { ATTEMPT, ATTEMPT_NUMBER, CALL_ABANDONED, CALL_ENDED, END, HTTP_STATUS, PARENT_ID, RECORD_NUMBERS, SPAN_ID, START, STATUS, STRINGS_OF, TRACE_ID, TTFT_MS, type SpanBatch } from "./span-records";

function record(numbers: Float64Array, index: number, kind: number, fields: Record<number, number>): void {
  const at = index * RECORD_NUMBERS;
  numbers[at] = kind;
  numbers[at + HTTP_STATUS] = NaN;
  numbers[at + TTFT_MS] = NaN;
  for (const [offset, value] of Object.entries(fields)) numbers[at + Number(offset)] = value;
}

type Body = { resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { scope: { name: string }; spans: Record<string, unknown>[] }[] }[] };

describe("encodeOtlpJson", () => {
  it("writes each record as a span under one resource and scope", () => {
    const numbers = new Float64Array(3 * RECORD_NUMBERS);
    const ids = { [TRACE_ID]: 0x4bf92f35, [TRACE_ID + 1]: 0x77b34da6, [TRACE_ID + 2]: 0xa3ce929d, [TRACE_ID + 3]: 0x0e4736 };
    record(numbers, 0, CALL_ENDED, { ...ids, [SPAN_ID]: 0xf067aa, [SPAN_ID + 1]: 0x0ba902b7, [START]: 1_700_000_000_000.000005, [END]: 1_700_000_001_123.5, [STATUS]: 2, [HTTP_STATUS]: 502, 13: 42, 14: 0, 15: 0.00012, 16: 1123.45, 17: 1, 18: 2, 19: 0, [TTFT_MS]: 80 });
    record(numbers, 1, ATTEMPT, { ...ids, [SPAN_ID]: 1, [SPAN_ID + 1]: 2, [PARENT_ID]: 0xf067aa, [PARENT_ID + 1]: 0x0ba902b7, [START]: 1_700_000_000_000, [END]: 1_700_000_000_999.75, [ATTEMPT_NUMBER]: 1 });
    record(numbers, 2, CALL_ABANDONED, { ...ids, [SPAN_ID]: 3, [SPAN_ID + 1]: 4, [START]: 5, [END]: 6 });
    const strings = [
      "req_1", "chat.completions", null, 'mo"del\n', "upstream-model", "openai", null, null, "key_1", null, "miss", "fallback-ü", null, "upstream_error",
      null, "chat.completions", "upstream-model", "anthropic", "Anthropic", "dep_1", 'mo"del\n', "not a url",
      "req_2", "embeddings", "a=1",
    ];
    expect(strings).toHaveLength(STRINGS_OF[CALL_ENDED] + STRINGS_OF[ATTEMPT] + STRINGS_OF[CALL_ABANDONED]);
    const batch: SpanBatch = { numbers, strings, count: 3 };
    const body = JSON.parse(encodeOtlpJson(new JsonWriter(), [batch], { resource: { "service.name": "tollgate", "host.cpus": 2 }, scope: "tollgate" }).toString("utf8")) as Body;
    expect(body.resourceSpans).toHaveLength(1);
    expect(body.resourceSpans[0].resource.attributes).toEqual([{ key: "service.name", value: { stringValue: "tollgate" } }, { key: "host.cpus", value: { intValue: 2 } }]);
    const [scoped] = body.resourceSpans[0].scopeSpans;
    expect(scoped.scope.name).toBe("tollgate");
    const [call, attempt, abandoned] = scoped.spans;
    expect(call).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d000e4736", spanId: "00f067aa0ba902b7", name: 'chat mo"del\n', kind: 2,
      startTimeUnixNano: "1700000000000000000", endTimeUnixNano: "1700000001123500000",
      status: { code: 2, message: "upstream_error" },
      attributes: [
        { key: "tollgate.request_id", value: { stringValue: "req_1" } },
        { key: "tollgate.endpoint", value: { stringValue: "chat.completions" } },
        { key: "gen_ai.operation.name", value: { stringValue: "chat" } },
        { key: "gen_ai.request.model", value: { stringValue: 'mo"del\n' } },
        { key: "gen_ai.usage.input_tokens", value: { intValue: 42 } },
        { key: "gen_ai.usage.output_tokens", value: { intValue: 0 } },
        { key: "http.response.status_code", value: { intValue: 502 } },
        { key: "tollgate.cost_usd", value: { doubleValue: 0.00012 } },
        { key: "tollgate.latency_ms", value: { doubleValue: 1123.45 } },
        { key: "tollgate.streamed", value: { boolValue: true } },
        { key: "tollgate.attempts", value: { intValue: 2 } },
        { key: "tollgate.estimated", value: { boolValue: false } },
        { key: "gen_ai.response.model", value: { stringValue: "upstream-model" } },
        { key: "gen_ai.provider.name", value: { stringValue: "openai" } },
        { key: "gen_ai.system", value: { stringValue: "openai" } },
        { key: "tollgate.key_id", value: { stringValue: "key_1" } },
        { key: "tollgate.cache", value: { stringValue: "miss" } },
        { key: "tollgate.ttft_ms", value: { intValue: 80 } },
        { key: "tollgate.fallback_model", value: { stringValue: "fallback-ü" } },
        { key: "error.type", value: { stringValue: "upstream_error" } },
      ],
    });
    expect(attempt).toMatchObject({ spanId: "0000000100000002", parentSpanId: "00f067aa0ba902b7", kind: 3, name: "chat upstream-model", endTimeUnixNano: "1700000000999750000", status: {} });
    // An unparsable base URL: no server.address, the rest as recorded.
    expect((attempt.attributes as { key: string }[]).map((a) => a.key)).toEqual([
      "gen_ai.operation.name", "gen_ai.request.model", "tollgate.provider", "tollgate.deployment_id", "tollgate.model", "tollgate.attempt", "gen_ai.provider.name", "gen_ai.system",
    ]);
    expect(abandoned).toEqual({
      traceId: "4bf92f3577b34da6a3ce929d000e4736", spanId: "0000000300000004", traceState: "a=1", name: "embeddings", kind: 2,
      startTimeUnixNano: "5000000", endTimeUnixNano: "6000000", status: {},
      attributes: [
        { key: "tollgate.request_id", value: { stringValue: "req_2" } },
        { key: "tollgate.endpoint", value: { stringValue: "embeddings" } },
        { key: "tollgate.trace_abandoned", value: { boolValue: true } },
      ],
    });
  });
});
