// The strings of span records (span-records.ts) as numbers. The proxy's thread keeps a table of the
// strings its spans repeat (models, providers, deployments, endpoints, key and team ids, error
// types…): a record's string slot holds the string's index, and each string is sent to the export
// thread once, with the first batch posted after it entered the table. A structured clone of ~25
// strings a call (and the thread's allocation of their copies) was the largest part of posting a
// batch (docs/decisions/022-traces-exported-off-thread.md). The table's strings live as long as the
// process, on both threads, so it is bounded (at most ~4 M characters): strings past
// MAX_TABLE_STRINGS, or longer than MAX_TABLE_STRING_LENGTH, go as one-off strings of their batch.
// The export thread keeps the same table with each string's JSON literal and UTF-8 bytes encoded once.
import { NO_STRING, ONE_OFF } from "./span-records";

export const MAX_TABLE_STRINGS = 1 << 14;
export const MAX_TABLE_STRING_LENGTH = 256;

/** The proxy's side: string → index, and the strings in index order (to send them). */
export class StringTable {
  private readonly indices = new Map<string, number>();
  readonly strings: string[] = [];

  /** The string's index, entering it when new; -1 when the table does not take it (full, or too long). */
  indexOf(value: string): number {
    const found = this.indices.get(value);
    if (found !== undefined) return found;
    if (this.strings.length >= MAX_TABLE_STRINGS || value.length > MAX_TABLE_STRING_LENGTH) return -1;
    const index = this.strings.length;
    this.strings.push(value);
    this.indices.set(value, index);
    return index;
  }
}

/** The value of a string slot: an index, NO_STRING for null or "" (absent), or a one-off pushed to `texts`. */
export function stringSlot(table: StringTable, texts: string[], value: string | null | undefined): number {
  if (!value) return NO_STRING;
  const index = table.indexOf(value);
  if (index >= 0) return index;
  texts.push(value);
  return ONE_OFF - (texts.length - 1);
}

/**
 * A request id `req_` + 32 lower-case hex digits (lib/gateway/respond.ts) as four 32-bit words at
 * `at` of `numbers`, without a string; false (nothing written) for an id of any other shape.
 */
export function writeRequestIdWords(id: string, numbers: Float64Array, at: number): boolean {
  if (id.length !== 36 || id.charCodeAt(0) !== 0x72 || id.charCodeAt(1) !== 0x65 || id.charCodeAt(2) !== 0x71 || id.charCodeAt(3) !== 0x5f) return false;
  const words = [0, 0, 0, 0];
  for (let w = 0; w < 4; w += 1) {
    let word = 0;
    for (let i = 4 + w * 8, end = i + 8; i < end; i += 1) {
      const c = id.charCodeAt(i);
      const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
      if (digit < 0) return false;
      word = word * 16 + digit;
    }
    words[w] = word;
  }
  for (let w = 0; w < 4; w += 1) numbers[at + w] = words[w];
  return true;
}

/** The export thread's side: the same strings, each with its JSON string literal (quotes included) and its UTF-8 bytes (for protobuf) encoded once. */
export class ReceivedStrings {
  readonly values: string[] = [];
  readonly literals: Buffer[] = [];
  readonly utf8: Buffer[] = [];

  /** Adds the strings a batch brought (the table's entries from `first` on). */
  add(strings: string[] | null, first: number): void {
    if (!strings) return;
    if (first !== this.values.length) throw new Error(`string table out of step: got entries from ${first}, hold ${this.values.length}`);
    for (const value of strings) {
      this.values.push(value);
      this.literals.push(Buffer.from(JSON.stringify(value), "utf8"));
      this.utf8.push(Buffer.from(value, "utf8"));
    }
  }
}
