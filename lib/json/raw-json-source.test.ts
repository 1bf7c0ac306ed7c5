// Long strings copied from the JSON text a value was parsed from (raw-json-source.ts, json-slicer.ts)
// must give the same JSON value as JSON.stringify, as UTF-8 bytes, whatever the source: written with
// the client's own escapes (\u0041, \/, escaped or raw surrogate pairs, lone halves), cut at any
// offset, or a source that lies (a duplicate key with the same beginning, the string's text written
// unescaped as structure elsewhere, a stale source).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeJsonInTurns } from "./encode-json-in-turns";
import { escapeSafeEnd } from "./escape-safe-end";
import { JsonSlicer, type SlicerLimits } from "./json-slicer";
import { rawJsonSourceOf, withRawJsonSource } from "./raw-json-source";

const SMALL: SlicerLimits = { sliceChars: 7, wholeChars: 16 };

function sliced(value: unknown, limits: SlicerLimits): string {
  const slicer = new JsonSlicer(value, limits);
  let text = "";
  for (let piece = slicer.next(9); piece !== null; piece = slicer.next(9)) text += piece;
  return text;
}

/** How a client might write one UTF-16 unit inside a JSON string: escaped or not, where JSON allows both. */
function clientChar(unit: string, escape: boolean): string {
  const code = unit.charCodeAt(0);
  if (unit === '"') return escape ? "\\u0022" : '\\"';
  if (unit === "\\") return escape ? "\\u005c" : "\\\\";
  if (unit === "/") return escape ? "\\/" : "/";
  if (code < 0x20) return "\\u" + code.toString(16).padStart(4, "0");
  return escape ? "\\u" + code.toString(16).padStart(4, "0") : unit;
}

function clientString(text: string, escapes: readonly boolean[]): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) out += clientChar(text[i], escapes[i % escapes.length]);
  return out + '"';
}

const unit = fc.oneof(
  fc.constantFrom("\ud83d", "\ude00", "\ud800", "\udfff", "\u2028", "\u0000", "\u001f", '"', "\\", "/", "\n", "é", "中", "u", "0"),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }).map((s) => s[0]),
  fc.constantFrom("a", "b", " "),
);
const longish = fc.array(unit, { minLength: 8, maxLength: 80 }).map((units) => units.join(""));

/** The value's canonical JSON, for comparing values that may hold lone surrogates. */
const canonical = (value: unknown) => JSON.stringify(value);

async function utf8Json(value: object): Promise<string> {
  const { chunks } = await encodeJsonInTurns(value, { limits: SMALL, pieceChars: 5 });
  return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk, "utf8"))).toString("utf8");
}

describe("long strings copied from the request's JSON text", () => {
  it("give the same JSON value as JSON.stringify, as UTF-8, for any client escapes and any cuts", async () => {
    await fc.assert(
      fc.asyncProperty(longish, longish, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), async (first, second, escapes) => {
        const source = `{"model":"m","messages":[{"role":"user","content":${clientString(first, escapes)}},{"content":${clientString(second, escapes)}}]}`;
        const parsed = JSON.parse(source) as { messages: unknown[] };
        const value = withRawJsonSource({ ...parsed, model: "upstream" }, source);
        const expected = canonical({ ...parsed, model: "upstream" });
        expect(canonical(JSON.parse(sliced(value, SMALL)))).toBe(expected);
        // As bytes: a lone surrogate must never reach the UTF-8 encoding unescaped.
        expect(canonical(JSON.parse(await utf8Json(value)))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("copies the client's own text when it escapes the same way JSON.stringify does", () => {
    const content = "the quick brown fox\njumps over a lazy dog. ".repeat(50);
    const source = JSON.stringify({ model: "m", messages: [{ role: "user", content }] });
    const value = withRawJsonSource({ ...(JSON.parse(source) as object), model: "upstream" }, source);
    expect(sliced(value, { sliceChars: 64, wholeChars: 64 })).toBe(JSON.stringify({ ...(JSON.parse(source) as object), model: "upstream" }));
  });

  it("keeps the client's escapes where they differ from JSON.stringify's", () => {
    // Found by its first characters as JSON.stringify writes them; the rest as the client wrote it.
    const start = "plain words first, ".repeat(5);
    const content = start + "A/".repeat(100);
    const source = `{"content":"${start}${clientString("A/".repeat(100), [true]).slice(1)}}`;
    const out = sliced(withRawJsonSource(JSON.parse(source) as object, source), { sliceChars: 16, wholeChars: 16 });
    // All but the last characters, which the slicer may escape itself: where a piece that reaches past
    // the string's closing quote fails its check, JSON.stringify writes the rest.
    expect(out.startsWith(source.slice(0, -12))).toBe(true);
    expect(out.length).toBeGreaterThan(JSON.stringify({ content }).length + 400);
    expect(JSON.parse(out)).toEqual({ content });
  });

  it("writes what was parsed, not another string with the same beginning (a duplicate key)", () => {
    const kept = "x".repeat(100) + "kept";
    const source = `{"content":"${"x".repeat(100)}dropped","content":"${kept}"}`;
    const parsed = JSON.parse(source) as { content: string };
    expect(parsed.content).toBe(kept);
    const out = sliced(withRawJsonSource(parsed, source), { sliceChars: 16, wholeChars: 16 });
    expect(out).toBe(JSON.stringify({ content: kept }));
  });

  it("never copies the string's text from where it is written unescaped as structure", () => {
    // The string's text, once unescaped, reads as two members: copied as it stands, it would add "model".
    const text = "x".repeat(80) + '","model":"dear';
    const source = `{"a":"${"x".repeat(80)}","model":"dear","content":${JSON.stringify(text)}}`;
    const parsed = JSON.parse(source) as { content: string };
    const value = withRawJsonSource({ content: parsed.content }, source);
    const out = sliced(value, { sliceChars: 16, wholeChars: 16 });
    expect(out).toBe(JSON.stringify({ content: text }));
    expect(JSON.parse(out)).toEqual({ content: text });
  });

  it("falls back to escaping with a stale source, or none", () => {
    const content = "é and more text ".repeat(20);
    const value = withRawJsonSource({ content }, JSON.stringify({ content: "something else entirely" }));
    expect(sliced(value, SMALL)).toBe(JSON.stringify({ content }));
    expect(sliced({ content }, SMALL)).toBe(JSON.stringify({ content }));
  });

  it("travels with object spread and stays out of the JSON", () => {
    const value = withRawJsonSource({ a: 1 }, '{"a":1}');
    const spread = { ...value, b: 2 };
    expect(rawJsonSourceOf(spread)).toBe('{"a":1}');
    expect(JSON.stringify(spread)).toBe('{"a":1,"b":2}');
    expect(Object.keys(spread)).toEqual(["a", "b"]);
    expect(rawJsonSourceOf("text")).toBeUndefined();
  });
});

describe("escapeSafeEnd", () => {
  it("never cuts an escape sequence or a surrogate pair", () => {
    const body = clientString('ab\\"c\u00e9\ud83d\ude00/\n\\\\x', [false, true, false]).slice(1, -1) + "\ud83d\ude00\\\\\\\\";
    for (let start = 0; start < body.length; start = escapeSafeEnd(body, start, start + 7)) {
      for (let end = start; end <= body.length; end++) {
        const cut = escapeSafeEnd(body, start, end);
        expect(cut).toBeLessThanOrEqual(end);
        // A piece that parses on its own, whose decoding joined with the rest's is the whole string's.
        const head = JSON.parse('"' + body.slice(start, cut) + '"') as string;
        const tail = JSON.parse('"' + body.slice(cut) + '"') as string;
        expect(head + tail).toBe(JSON.parse('"' + body.slice(start) + '"'));
        if (cut > start) expect(body.charCodeAt(cut - 1) >= 0xd800 && body.charCodeAt(cut - 1) <= 0xdbff && cut < body.length).toBe(false);
      }
    }
  });
});
