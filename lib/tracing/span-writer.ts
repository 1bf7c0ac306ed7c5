// What gen-ai.ts writes a span's members through, so that one piece of code decides a span's name,
// kind, attributes and status and both OTLP encodings say the same: OTLP JSON (otlp-json.ts) and
// OTLP protobuf (otlp-protobuf.ts) each implement it. An attribute's key is encoded once for both.
import { bytes } from "./json-writer";
import { delimited } from "./protobuf-writer";
import type { ReceivedStrings } from "./string-table";

/** A record being written: its numbers from `at`; its string slots read through the table and the batch's one-off strings. */
export interface SpanSource {
  numbers: Float64Array;
  at: number;
  strings: ReceivedStrings;
  texts: string[] | null;
}

/** An attribute's key, pre-encoded for each encoding. */
export interface AttributeKey {
  /** the JSON up to its value, for each type of value (with the comma that precedes it in the list) */
  json: { string: Buffer; int: Buffer; double: Buffer; bool: Buffer };
  /** KeyValue's `key` field (1) */
  proto: Buffer;
  /** the key's number, from 0 in order of creation (an index for per-key tables) */
  index: number;
}

let keys = 0;

export function attributeKey(name: string): AttributeKey {
  const start = `,{"key":${JSON.stringify(name)},"value":{`;
  return {
    json: { string: bytes(`${start}"stringValue":`), int: bytes(`${start}"intValue":`), double: bytes(`${start}"doubleValue":`), bool: bytes(`${start}"boolValue":`) },
    proto: delimited(1, Buffer.from(name, "utf8")),
    index: keys++,
  };
}

/** OTLP's span kinds. */
export type SpanKind = 1 | 2 | 3; // INTERNAL, SERVER, CLIENT

/**
 * The members of a span after its ids and times, in this order: name(), attributes() … attributesEnd(),
 * status(). Numbers that are NaN (absent) and strings that are null, "" or an absent slot are left out.
 */
export interface SpanWriter {
  /** the span's name: `{operation} {model}` with the model in string slot `slot`, or `operation` alone (slot -1 or absent) */
  name(operation: string, r: SpanSource, slot: number): void;
  /** the span's kind, then the start of its attributes; returns the mark for attributesEnd() */
  attributes(kind: SpanKind): number;
  attributesEnd(mark: number): void;
  text(key: AttributeKey, value: string | null): void;
  textSlot(key: AttributeKey, r: SpanSource, slot: number): void;
  /** safe integers as intValue, other numbers as doubleValue */
  number(key: AttributeKey, value: number): void;
  bool(key: AttributeKey, value: boolean): void;
  /** a string attribute `req_` + the hex of four 32-bit words of the record from `at` */
  requestIdWords(key: AttributeKey, r: SpanSource, at: number): void;
  /** status unset, or an error with the message in string slot `messageSlot` (-1 or absent: none) */
  status(error: boolean, r: SpanSource, messageSlot: number): void;
}
