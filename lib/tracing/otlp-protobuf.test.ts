// The OTLP protobuf body (otlp-protobuf.ts, protobuf-writer.ts), read by an independent decoder
// (protobufjs with opentelemetry-proto's field numbers, test/support/otlp-protobuf-decoder.ts), says
// exactly what the OTLP JSON body of the same batch says (otlp-json.ts), every field of every span:
// every kind of record, raw ids, nanosecond times, typed attribute values, absent values left out,
// non-ASCII and escaped strings, lengths of one to four bytes (a span and a body moved when their
// length needs more room than was reserved).
import { describe, expect, it } from "vitest";
import { decodeOtlpProtobuf } from "@/test/support/otlp-protobuf-decoder";
import { JsonWriter } from "./json-writer";
import { encodeOtlpJson } from "./otlp-json";
import { encodeOtlpProtobuf } from "./otlp-protobuf";
import { ProtobufWriter } from "./protobuf-writer";
import {
  ADMISSION, ATTEMPT, ATTEMPT_NUMBER, CALL_ABANDONED, CALL_ENDED, CALL_FAILED, END, HTTP_STATUS, PARENT_ID, RECORD_NUMBERS, REQUEST_ID_WORDS, SPAN_ID, START, STATUS, STRINGS,
  TRACE_ID, TTFT_MS, USAGE_WRITE, type SpanBatch,
} from "./span-records";
import { ReceivedStrings, stringSlot, StringTable, writeRequestIdWords } from "./string-table";

const DATA = { resource: { "service.name": "tollgate", "host.cpus": 2, "deployment.canary": true, "sample.ratio": 0.25 }, scope: "tollgate" };

/** Writes `spans` records of every kind, as the proxy's thread does, and what the export thread holds for them. */
function batchOf(spans: number, extra: { traceState?: string } = {}): { batch: SpanBatch; received: ReceivedStrings } {
  const numbers = new Float64Array(spans * RECORD_NUMBERS);
  const table = new StringTable();
  const texts: string[] = [];
  const now = 1_796_342_400_123.456;
  for (let i = 0; i < spans; i += 1) {
    const at = i * RECORD_NUMBERS;
    const kind = [CALL_ENDED, ADMISSION, ATTEMPT, USAGE_WRITE, CALL_FAILED, CALL_ABANDONED][i % 6];
    numbers[at] = kind;
    numbers[at + HTTP_STATUS] = NaN;
    numbers[at + TTFT_MS] = NaN;
    numbers[at + REQUEST_ID_WORDS] = NaN;
    for (let w = 0; w < 4; w += 1) numbers[at + TRACE_ID + w] = (0x9e3779b9 * (i + w + 1)) >>> 0;
    numbers[at + SPAN_ID] = (i * 7919) >>> 0;
    numbers[at + SPAN_ID + 1] = 0xffffffff - i;
    if (kind !== CALL_ENDED && kind !== CALL_FAILED && kind !== CALL_ABANDONED) {
      numbers[at + PARENT_ID] = 0x00f067aa;
      numbers[at + PARENT_ID + 1] = i;
    }
    numbers[at + START] = i === 0 ? 0.000001 : now + i * 0.001;
    numbers[at + END] = now + i * 0.001 + 123.999999;
    numbers[at + STATUS] = i % 4 === 0 ? 2 : 0;
    const slots = (values: (string | null)[]) => values.forEach((value, k) => (numbers[at + STRINGS + k] = stringSlot(table, texts, value)));
    if (kind === CALL_ENDED) {
      Object.assign(numbers, { [at + HTTP_STATUS]: 200, [at + 13]: 1200 + i, [at + 14]: i % 12 === 0 ? -5 : 2 ** 40, [at + 15]: 0.000123 * i, [at + 16]: 1e300, [at + 17]: 1, [at + 18]: 1, [at + 19]: 0, [at + TTFT_MS]: 80.5 });
      if (i % 12 === 0) writeRequestIdWords(`req_${i.toString(16).padStart(32, "0")}`, numbers, at + REQUEST_ID_WORDS);
      slots([`req_text_${i}`, "chat.completions", i === 0 ? extra.traceState ?? null : null, i % 12 === 6 ? 'mo"del\n ü 模型' : "gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gemini", "Google", "dep_1", `key_${i % 5}`, null, "miss", null, null, i % 4 === 0 ? "upstream_error" : null]);
    } else if (kind === CALL_FAILED) {
      Object.assign(numbers, { [at + HTTP_STATUS]: 401 });
      slots([`req_${"x".repeat(300)}`, "embeddings", "vendor=a,other=ü", "invalid_api_key"]);
    } else if (kind === CALL_ABANDONED) {
      slots([`req_abandoned_${i}`, "chat.completions", null]);
    } else if (kind === ADMISSION) {
      Object.assign(numbers, { [at + HTTP_STATUS]: i % 4 === 0 ? 429 : NaN });
      slots([i % 4 === 0 ? "rate_limited" : null, i % 4 === 0 ? "refused" : "admitted"]);
    } else if (kind === ATTEMPT) {
      Object.assign(numbers, { [at + ATTEMPT_NUMBER]: 1 + (i % 3), [at + HTTP_STATUS]: 200 });
      slots([null, "embeddings", "text-embedding-3-small", "openai", "OpenAI", "dep_2", "embed", i % 2 === 0 ? "https://api.example.test:8443/v1" : "http://[::1]/v1"]);
    } else {
      slots([i % 4 === 0 ? "db_unavailable" : null]);
    }
  }
  // What the thread holds: the table's strings as two batches brought them.
  const received = new ReceivedStrings();
  const half = Math.floor(table.strings.length / 2);
  received.add(table.strings.slice(0, half), 0);
  received.add(table.strings.slice(half), half);
  return { batch: { numbers, count: spans, strings: null, firstString: 0, texts: texts.length > 0 ? texts : null }, received };
}

function bothEncodings(batches: SpanBatch[], received: ReceivedStrings) {
  const json = JSON.parse(encodeOtlpJson(new JsonWriter(), batches, received, DATA).toString("utf8")) as unknown;
  const protobuf = encodeOtlpProtobuf(new ProtobufWriter(256), batches, received, DATA);
  return { json, protobuf, decoded: decodeOtlpProtobuf(protobuf) };
}

describe("encodeOtlpProtobuf", () => {
  it("says what the JSON encoding of the same spans says, every field", () => {
    const { batch, received } = batchOf(48, { traceState: `t=${"z".repeat(200)}` });
    const { json, decoded, protobuf } = bothEncodings([batch], received);
    expect(decoded).toEqual(json);
    // The fixture reaches every kind, status, value type and absent value it means to.
    const spans = decoded.resourceSpans[0].scopeSpans[0].spans;
    expect(new Set(spans.map((s) => s.kind))).toEqual(new Set([1, 2, 3]));
    const values = spans.flatMap((s) => (s.attributes as { value: Record<string, unknown> }[]).map((a) => Object.keys(a.value)[0]));
    expect(new Set(values)).toEqual(new Set(["stringValue", "intValue", "doubleValue", "boolValue"]));
    expect(spans[0]).toMatchObject({ startTimeUnixNano: "1", status: { code: 2, message: "upstream_error" }, traceState: `t=${"z".repeat(200)}` });
    expect(spans.some((s) => (s.name as string).includes("模型"))).toBe(true);
    // Raw ids (16 + 8 bytes, not 48 hex characters), binary times and numbers, no member names.
    expect(protobuf.length).toBeLessThan(Buffer.byteLength(JSON.stringify(json)));
  });

  it("writes an export of many batches, with spans and a body longer than the room reserved for their lengths", () => {
    const a = batchOf(1024);
    const b = batchOf(1024, { traceState: `big=${"q".repeat(3_000_000)}` });
    // Two batches read through one table: give the second the first one's strings (same fixture, same strings).
    expect(b.received.values).toEqual(a.received.values);
    const { json, decoded } = bothEncodings([a.batch, b.batch], a.received);
    expect(decoded.resourceSpans[0].scopeSpans[0].spans).toHaveLength(2048);
    expect(decoded).toEqual(json);
  });

  it("reuses its buffer from one export to the next", () => {
    const { batch, received } = batchOf(12);
    const writer = new ProtobufWriter(64);
    const first = Buffer.from(encodeOtlpProtobuf(writer, [batch], received, DATA));
    const second = encodeOtlpProtobuf(writer, [batch], received, DATA);
    expect(second.equals(first)).toBe(true);
  });

  it("writes repeated strings from its cache of whole attributes and names, and drops that cache for another table", () => {
    const { batch, received } = batchOf(48);
    const writer = new ProtobufWriter(64);
    // The first export fills the cache (each table string's first use), the second reads it for every one.
    encodeOtlpProtobuf(writer, [batch], received, DATA);
    const cached = decodeOtlpProtobuf(encodeOtlpProtobuf(writer, [batch], received, DATA));
    expect(cached).toEqual(bothEncodings([batch], received).json);
    // The same indices in a table of other strings (a thread started again): the old bytes must not come back.
    const other = new ReceivedStrings();
    other.add(received.values.map((value) => `${value}-other`), 0);
    const decoded = decodeOtlpProtobuf(encodeOtlpProtobuf(writer, [batch], other, DATA));
    expect(decoded).toEqual(bothEncodings([batch], other).json);
    expect(JSON.stringify(decoded)).toContain("gpt-4o-mini-other");
  });
});
