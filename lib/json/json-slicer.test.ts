// The sliced serialization must be JSON.stringify's text byte for byte, whatever the value and
// wherever the slices fall: generated values (fast-check) with long strings full of surrogate pairs,
// escapes and unicode, nested arrays and objects, numbers of every kind, members JSON.stringify
// leaves out, and values that are not plain data, serialized with limits small enough that every
// path of the slicer runs (strings cut every few characters, containers walked member by member).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeJsonInTurns } from "./encode-json-in-turns";
import { DEFAULT_SLICER_LIMITS, JsonSlicer, type SlicerLimits } from "./json-slicer";
import { withRawJsonSource } from "./raw-json-source";

function sliced(value: unknown, limits: SlicerLimits, budget: number): string {
  const slicer = new JsonSlicer(value, limits);
  let text = "";
  for (let piece = slicer.next(budget); piece !== null; piece = slicer.next(budget)) text += piece;
  return text;
}

/** Characters that stress the escaping and the slice boundaries: pairs, lone halves, controls, quotes. */
const trickyChar = fc.oneof(
  fc.constantFrom("\ud83d\ude00", "\ud83c\udf89", "\ud800", "\udfff", "\u2028", "\u2029", "\u0000", "\u001f", "\u007f", '"', "\\", "/", "\n", "\t", "é", "中"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
);
const trickyString = fc.array(trickyChar, { maxLength: 40 }).map((chars) => chars.join(""));

const number = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 0, NaN, Infinity, -Infinity, 1e21, 5e-324, Number.MAX_SAFE_INTEGER + 2));

/** What JSON.stringify writes in its own way: toJSON methods (given their key), dates, boxed primitives, skipped members. */
const exotic = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol("s")),
  fc.constant(new Date(0)),
  fc.constant({ toJSON: (key: string) => `key:${key}` }),
  fc.constant({ toJSON: () => undefined }),
  fc.constant({ toJSON: () => ({ nested: [1, "two"] }) }),
  fc.constant(Object.assign(() => 0, { toJSON: () => "fn" })),
  fc.constant(new Number(4)),
  fc.constant(new String("boxed")),
  fc.constant(new Boolean(false)),
  fc.constant(Object.create(null) as object),
);

const { value: jsonish } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    trickyString,
    number,
    fc.boolean(),
    fc.constant(null),
    exotic,
    fc.array(tie("value"), { maxLength: 6 }),
    fc.dictionary(fc.oneof(trickyString, fc.constantFrom("__proto__", "0", "10", "toJSON", "")), tie("value"), { maxKeys: 6 }),
    fc.array(tie("value"), { maxLength: 3 }).map((values) => {
      // holes
      const sparse: unknown[] = [];
      sparse.length = values.length * 2;
      values.forEach((value, index) => (sparse[index * 2] = value));
      return sparse;
    }),
  ),
}));

const limits = fc.record({ sliceChars: fc.integer({ min: 1, max: 12 }), wholeChars: fc.integer({ min: 0, max: 60 }) });

describe("JsonSlicer", () => {
  it("writes exactly what JSON.stringify writes, for generated values and any limits", () => {
    fc.assert(
      fc.property(jsonish, limits, fc.integer({ min: 1, max: 50 }), (value, chosen, budget) => {
        const expected = JSON.stringify(value);
        fc.pre(expected !== undefined);
        expect(sliced(value, chosen, budget)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("writes exactly what JSON.stringify writes for long strings of pairs, escapes and unicode cut at every offset", () => {
    const text = "a\ud83d\ude00\"\\\n\u0001é中\ud800x\udc00\u2028" + "\ud83c\udf89".repeat(5) + "end";
    for (let sliceChars = 1; sliceChars <= text.length + 1; sliceChars++) {
      expect(sliced({ [text]: text, list: [text, 1, text] }, { sliceChars, wholeChars: 0 }, 1)).toBe(JSON.stringify({ [text]: text, list: [text, 1, text] }));
    }
  });

  it("gives toJSON the member's own key and index, as JSON.stringify does", () => {
    const withKey = { toJSON: (key: string) => `<${key}>` };
    const value = { a: withKey, list: [withKey, 1, withKey], long: "x".repeat(50) };
    expect(sliced(value, { sliceChars: 4, wholeChars: 0 }, 1)).toBe('{"a":"<a>","list":["<0>",1,"<2>"],"long":"' + "x".repeat(50) + '"}');
  });

  it("throws what JSON.stringify throws: circular structures and BigInts", () => {
    const circular: Record<string, unknown> = { name: "x".repeat(40) };
    circular.self = { back: circular };
    expect(() => sliced(circular, { sliceChars: 4, wholeChars: 0 }, 8)).toThrow(TypeError);
    expect(() => sliced({ n: 1n }, { sliceChars: 4, wholeChars: 0 }, 8)).toThrow(TypeError);
  });

  it("keeps each piece near the budget", () => {
    const value = { model: "m", messages: Array.from({ length: 200 }, (_, index) => ({ role: "user", content: `message ${index} `.repeat(20) })) };
    const slicer = new JsonSlicer(value, { sliceChars: 256, wholeChars: 256 });
    const lengths: number[] = [];
    for (let piece = slicer.next(1024); piece !== null; piece = slicer.next(1024)) lengths.push(piece.length);
    expect(lengths.length).toBeGreaterThan(40);
    // A step ends at most one slice, one short subtree or one run past the budget.
    expect(Math.max(...lengths)).toBeLessThan(1024 + 2 * 256 + 64);
  });
});

describe("encodeJsonInTurns", () => {
  it("gives the UTF-8 bytes of JSON.stringify, in pieces, with their total length", async () => {
    const text = "prose with \"quotes\", \\ and \ud83d\ude00 ".repeat(5000);
    const value = { model: "m", messages: [{ role: "user", content: text }], n: [1, 2.5, -0] };
    const encoded = await encodeJsonInTurns(value, { pieceChars: 4096, turnMs: 0, limits: { sliceChars: 1000, wholeChars: 1000 } });
    expect(encoded.chunks.length).toBeGreaterThan(10);
    const bytes = Buffer.concat(encoded.chunks.map((chunk) => Buffer.from(chunk, "utf8")));
    expect(encoded.byteLength).toBe(bytes.length);
    expect(bytes.equals(Buffer.from(JSON.stringify(value)))).toBe(true);
  });

  it("keeps long parts apart and joins the short ones between them, with every chunk whole UTF-8", async () => {
    // Default limits: long strings come out in parts of thousands of characters, kept as they are
    // (a part copied from the request's text is a view of it); keys and punctuation are joined.
    const text = "emoji \ud83d\ude00 and \"quotes\" ".repeat(20_000);
    const value = { model: "m", messages: [{ role: "system", content: "short" }, { role: "user", content: text }, { role: "user", content: text }], n: 1 };
    const source = JSON.stringify(value);
    for (const candidate of [value, withRawJsonSource({ ...value }, source)]) {
      const encoded = await encodeJsonInTurns(candidate, { turnMs: 0 });
      const bytes = Buffer.concat(encoded.chunks.map((chunk) => Buffer.from(chunk, "utf8")));
      expect(bytes.equals(Buffer.from(source))).toBe(true);
      expect(encoded.byteLength).toBe(bytes.length);
      expect(encoded.chunks.every((chunk) => chunk.length > 0 && Buffer.from(chunk, "utf8").toString("utf8") === chunk)).toBe(true);
      expect(encoded.chunks.filter((chunk) => chunk.length >= 1024).length).toBeGreaterThan(20);
      // A long part is one slice of a string (16 K characters by default), never several joined.
      expect(Math.max(...encoded.chunks.map((chunk) => chunk.length))).toBeLessThanOrEqual(DEFAULT_SLICER_LIMITS.sliceChars + 6 * 1024);
      // Within one slicer piece short parts are joined: short chunks are never three in a row.
      const shortRuns = encoded.chunks.map((chunk) => (chunk.length < 1024 ? "s" : "l")).join("");
      expect(shortRuns).not.toContain("sss");
    }
  });

  it("lets the event loop run between turns", async () => {
    let done = false;
    let turnsSeen = 0;
    const tick = () => {
      if (done) return;
      turnsSeen++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await encodeJsonInTurns({ content: "x".repeat(400_000) }, { pieceChars: 1024, turnMs: 0, limits: { sliceChars: 1024, wholeChars: 1024 } });
    done = true;
    // One piece per turn (turnMs 0): the loop turned between pieces, not only before or after the work.
    expect(turnsSeen).toBeGreaterThan(100);
  });

  it("stops when its signal is aborted", async () => {
    const controller = new AbortController();
    const reason = new Error("client gone");
    const work = encodeJsonInTurns({ content: "x".repeat(400_000) }, { pieceChars: 1024, turnMs: 0, signal: controller.signal });
    setImmediate(() => controller.abort(reason));
    await expect(work).rejects.toBe(reason);
  });
});
