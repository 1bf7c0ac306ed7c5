// The OTLP/HTTP JSON the export thread writes from recorded spans (otlp-json.ts, gen-ai.ts,
// json-writer.ts): hex ids from 32-bit words, nanosecond strings, the OTLP kinds, typed attribute
// values, absent values left out, strings escaped (quotes, control characters, non-ASCII) so that
// the body is valid JSON that says exactly what was recorded.
import { describe, expect, it } from "vitest";
import { JsonWriter } from "./json-writer";
import { encodeOtlpJson } from "./otlp-json";
import { ATTEMPT, ATTEMPT_NUMBER, CALL_ABANDONED, CALL_ENDED, END, HTTP_STATUS, PARENT_ID, RECORD_NUMBERS, REQUEST_ID_WORDS, SPAN_ID, START, STATUS, STRINGS, TRACE_ID, TTFT_MS, type SpanBatch } from "./span-records";
import { ReceivedStrings, stringSlot, StringTable, writeRequestIdWords } from "./string-table";

function record(numbers: Float64Array, index: number, kind: number, fields: Record<number, number>): void {
  const at = index * RECORD_NUMBERS;
  numbers[at] = kind;
  numbers[at + HTTP_STATUS] = NaN;
  numbers[at + TTFT_MS] = NaN;
  numbers[at + REQUEST_ID_WORDS] = NaN;
  for (const [offset, value] of Object.entries(fields)) numbers[at + Number(offset)] = value;
}

/** Writes a record's string slots as the proxy's thread does (through its table, one-offs into `texts`). */
function slots(numbers: Float64Array, index: number, table: StringTable, texts: string[], values: (string | null)[]): void {
  values.forEach((value, k) => (numbers[index * RECORD_NUMBERS + STRINGS + k] = stringSlot(table, texts, value)));
}

type Body = { resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { scope: { name: string }; spans: Record<string, unknown>[] }[] }[] };

describe("encodeOtlpJson", () => {
  it("writes each record as a span under one resource and scope", () => {
    const numbers = new Float64Array(3 * RECORD_NUMBERS);
    const ids = { [TRACE_ID]: 0x4bf92f35, [TRACE_ID + 1]: 0x77b34da6, [TRACE_ID + 2]: 0xa3ce929d, [TRACE_ID + 3]: 0x0e4736 };
    record(numbers, 0, CALL_ENDED, { ...ids, [SPAN_ID]: 0xf067aa, [SPAN_ID + 1]: 0x0ba902b7, [START]: 1_700_000_000_000.000005, [END]: 1_700_000_001_123.5, [STATUS]: 2, [HTTP_STATUS]: 502, 13: 42, 14: 0, 15: 0.00012, 16: 1123.45, 17: 1, 18: 2, 19: 0, [TTFT_MS]: 80 });
    record(numbers, 1, ATTEMPT, { ...ids, [SPAN_ID]: 1, [SPAN_ID + 1]: 2, [PARENT_ID]: 0xf067aa, [PARENT_ID + 1]: 0x0ba902b7, [START]: 1_700_000_000_000, [END]: 1_700_000_000_999.75, [ATTEMPT_NUMBER]: 1 });
    record(numbers, 2, CALL_ABANDONED, { ...ids, [SPAN_ID]: 3, [SPAN_ID + 1]: 4, [START]: 5, [END]: 6 });
    const table = new StringTable();
    const texts: string[] = [];
    slots(numbers, 0, table, texts, ["req_1", "chat.completions", null, 'mo"del\n', "upstream-model", "openai", null, null, "key_1", null, "miss", "fallback-ü", null, "upstream_error"]);
    slots(numbers, 1, table, texts, [null, "chat.completions", "upstream-model", "anthropic", "Anthropic", "dep_1", 'mo"del\n', "not a url"]);
    // The request id as words; the tracestate too long for the table: a one-off string.
    const traceState = `a=${"1".repeat(300)}`;
    slots(numbers, 2, table, texts, [null, "embeddings", traceState]);
    expect(writeRequestIdWords("req_0123456789abcdef00000000ffffffff", numbers, 2 * RECORD_NUMBERS + REQUEST_ID_WORDS)).toBe(true);
    expect(texts).toEqual([traceState]);
    // What the thread holds: the table's strings as two batches brought them.
    const received = new ReceivedStrings();
    received.add(table.strings.slice(0, 3), 0);
    received.add(table.strings.slice(3), 3);
    const batch: SpanBatch = { numbers, count: 3, strings: null, firstString: 0, texts };
    const body = JSON.parse(encodeOtlpJson(new JsonWriter(), [batch], received, { resource: { "service.name": "tollgate", "host.cpus": 2 }, scope: "tollgate" }).toString("utf8")) as Body;
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
      traceId: "4bf92f3577b34da6a3ce929d000e4736", spanId: "0000000300000004", traceState, name: "embeddings", kind: 2,
      startTimeUnixNano: "5000000", endTimeUnixNano: "6000000", status: {},
      attributes: [
        { key: "tollgate.request_id", value: { stringValue: "req_0123456789abcdef00000000ffffffff" } },
        { key: "tollgate.endpoint", value: { stringValue: "embeddings" } },
        { key: "tollgate.trace_abandoned", value: { boolValue: true } },
      ],
    });
  });
});

describe("the string table", () => {
  it("gives a repeated string one index, sends the rest as one-off strings, and leaves absent strings out", () => {
    const table = new StringTable();
    const texts: string[] = [];
    const a = stringSlot(table, texts, "gpt-4o-mini");
    expect(stringSlot(table, texts, ["gpt", "4o", "mini"].join("-"))).toBe(a);
    expect(stringSlot(table, texts, "other")).toBe(a + 1);
    expect([stringSlot(table, texts, null), stringSlot(table, texts, ""), stringSlot(table, texts, undefined)]).toEqual([-1, -1, -1]);
    expect(stringSlot(table, texts, "x".repeat(257))).toBe(-2);
    expect(stringSlot(table, texts, "y".repeat(300))).toBe(-3);
    expect(table.strings).toEqual(["gpt-4o-mini", "other"]);
    expect(texts).toEqual(["x".repeat(257), "y".repeat(300)]);
  });

  it("reads only request ids of the gateway's shape as words", () => {
    const numbers = new Float64Array(4);
    expect(writeRequestIdWords("req_ffffffff000000010123456789abcdef", numbers, 0)).toBe(true);
    expect([...numbers]).toEqual([0xffffffff, 1, 0x01234567, 0x89abcdef]);
    for (const id of ["req_FFFFFFFF000000010123456789abcdef", "req_ffffffff000000010123456789abcde", "reX_ffffffff000000010123456789abcdef", "req_ffffffff00000001-123456789abcdef"]) {
      expect(writeRequestIdWords(id, numbers, 0)).toBe(false);
    }
  });

  it("refuses entries out of step with what the thread holds", () => {
    const received = new ReceivedStrings();
    received.add(["a", 'b"'], 0);
    expect(received.literals.map((b) => b.toString())).toEqual(['"a"', '"b\\""']);
    expect(() => received.add(["d"], 3)).toThrow(/out of step/);
  });
});
