// The OTLP/HTTP JSON encoding of the spans handed to the export thread (otlp-json.ts): hex ids, the
// OTLP kinds (the API's plus one), nanosecond strings, typed attribute values, the status.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { encodeOtlpJson, SPAN_FIELDS, unixNanos, type SpanBatch } from "./otlp-json";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("encodeOtlpJson", () => {
  it("encodes each span of each batch under one resource and scope", () => {
    const server: SpanBatch = [TRACE, "00f067aa0ba902b7", "", "chat gpt-4o-mini", SpanKind.SERVER, 1_700_000_000, 5, 1_700_000_001, 123_456_789, SpanStatusCode.ERROR, "upstream_error",
      { "gen_ai.request.model": "gpt-4o-mini", "gen_ai.usage.input_tokens": 42, "tollgate.cost_usd": 0.00012, "tollgate.streamed": false, "tags": ["a", "b"], "skipped": undefined }];
    const client: SpanBatch = [TRACE, "1111111111111111", "00f067aa0ba902b7", "chat upstream-model", SpanKind.CLIENT, 1_700_000_000, 0, 1_700_000_000, 999_999_999, SpanStatusCode.UNSET, "", { "tollgate.attempt": 1 }];
    expect(server).toHaveLength(SPAN_FIELDS);
    const body = JSON.parse(encodeOtlpJson([server, client], { resource: { "service.name": "tollgate" }, scope: "tollgate" })) as {
      resourceSpans: { resource: { attributes: unknown[] }; scopeSpans: { scope: { name: string }; spans: Record<string, unknown>[] }[] }[];
    };
    expect(body.resourceSpans).toHaveLength(1);
    expect(body.resourceSpans[0].resource.attributes).toEqual([{ key: "service.name", value: { stringValue: "tollgate" } }]);
    const [scoped] = body.resourceSpans[0].scopeSpans;
    expect(scoped.scope.name).toBe("tollgate");
    expect(scoped.spans).toHaveLength(2);
    expect(scoped.spans[0]).toMatchObject({
      traceId: TRACE, spanId: "00f067aa0ba902b7", name: "chat gpt-4o-mini", kind: 2,
      startTimeUnixNano: "1700000000000000005", endTimeUnixNano: "1700000001123456789",
      status: { code: 2, message: "upstream_error" },
      attributes: [
        { key: "gen_ai.request.model", value: { stringValue: "gpt-4o-mini" } },
        { key: "gen_ai.usage.input_tokens", value: { intValue: 42 } },
        { key: "tollgate.cost_usd", value: { doubleValue: 0.00012 } },
        { key: "tollgate.streamed", value: { boolValue: false } },
        { key: "tags", value: { arrayValue: { values: [{ stringValue: "a" }, { stringValue: "b" }] } } },
      ],
    });
    expect(scoped.spans[0]).not.toHaveProperty("parentSpanId");
    expect(scoped.spans[1]).toMatchObject({ parentSpanId: "00f067aa0ba902b7", kind: 3, status: { code: 0 }, endTimeUnixNano: "1700000000999999999" });
    expect(scoped.spans[1].status).not.toHaveProperty("message");
  });

  it("writes nanoseconds as OTLP's decimal strings", () => {
    expect(unixNanos(0, 42)).toBe("42");
    expect(unixNanos(12, 0)).toBe("12000000000");
  });
});
