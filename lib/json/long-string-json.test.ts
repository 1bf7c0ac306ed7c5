import { describe, expect, it } from "vitest";
import { mulberry32 as random } from "../random/mulberry32";
import { findLongLiterals, parseJsonWithLongStrings, type LongStringOptions } from "./long-string-json";
import { keptScratchCount, releaseScratch, takeScratch } from "./scratch-buffers";

const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));
// Small thresholds and pieces, so that short texts take the long-string path, checked in many pieces.
const SMALL: LongStringOptions = { minChars: 16, pieceChars: 7, budgetMs: 0 };

// Written as a client may write them: every JSON escape, Latin-1 characters as \u escapes, escaped slashes.
const PARTS = ["plain words ", "\\n", "\\r\\n", "\\t", '\\"', "\\\\", "\\/", "\\b", "\\f", "\\u00e9", "\\u0041", "\\u00FF", "\\\\\\\\", "\\\\n", "x"];

function escapedLiteral(next: () => number, parts: readonly string[], count: number): string {
  let body = "";
  for (let i = 0; i < count; i++) body += parts[Math.floor(next() * parts.length)];
  return `"${body}"`;
}

async function expectSameAsJsonParse(text: string, options: LongStringOptions = SMALL): Promise<unknown> {
  const parsed = await parseJsonWithLongStrings(text, immediate, options);
  expect(parsed).toStrictEqual(JSON.parse(text));
  return parsed;
}

describe("findLongLiterals", () => {
  it("finds the long value strings, not the keys or the short strings, and says which hold escapes", () => {
    const long = "a".repeat(20);
    const text = `{"short":"x","${long}":1,"a":"${long}","b":["${long}\\n"],"c" : "${long}"  }`;
    const found = findLongLiterals(text, 16)!;
    expect(found.map(({ open, close }) => text.slice(open, close + 1))).toEqual([`"${long}"`, `"${long}\\n"`, `"${long}"`]);
    expect(found.map((literal) => literal.escaped)).toEqual([false, true, false]);
  });

  it("reads escaped quotes and runs of backslashes as part of the string", () => {
    const inner = 'say \\"hi\\" \\\\ and \\\\\\" then more text';
    const text = `{"a":"${inner}","b":"c"}`;
    const [literal] = findLongLiterals(text, 16)!;
    expect(text.slice(literal.open + 1, literal.close)).toBe(inner);
    expect(JSON.parse(text).b).toBe("c");
  });

  it("gives up past the quote budget and on a string never closed", () => {
    const many = JSON.stringify(Array.from({ length: 50 }, (_, i) => `s${i}`));
    expect(findLongLiterals(many, 16, 20)).toBeNull();
    expect(findLongLiterals(`{"a":"${"b".repeat(40)}`, 16)).toBeNull();
  });
});

describe("parseJsonWithLongStrings", () => {
  it("gives exactly what JSON.parse gives for generated escaped and plain long strings, checked in pieces of every size", async () => {
    const next = random(7);
    for (let round = 0; round < 40; round++) {
      const literal = escapedLiteral(next, PARTS, 10 + Math.floor(next() * 60));
      const plain = `"${"word ".repeat(5 + Math.floor(next() * 20))}"`;
      const text = `{"model":"m","messages":[{"role":"system","content":${plain}},{"role":"user","content":${literal}}],"n":1}`;
      for (const pieceChars of [6, 7, 8, 11, 13, 64]) await expectSameAsJsonParse(text, { ...SMALL, pieceChars });
    }
  });

  it("gives JSON.parse's strings for \\u escapes past U+00FF, surrogate pairs and lone surrogates", async () => {
    for (const escape of ["\\u4e2d", "\\ud83d\\ude00", "\\ud800", "\\udfff", "\\u0100"]) {
      const text = `{"content":"${"abc ".repeat(10)}${escape}${" def".repeat(10)}"}`;
      const parsed = (await expectSameAsJsonParse(text)) as { content: string };
      expect(parsed.content).toBe(JSON.parse(text).content);
    }
  });

  it("throws as JSON.parse does for an invalid long string or an invalid text around it", async () => {
    const long = "x".repeat(40);
    const invalid = [
      `{"a":"${long}\u0001${long}"}`, // a raw control character
      `{"a":"${long}\n"}`, // a raw newline in a string without escapes
      `{"a":"${long}\\n\u0002"}`, // a raw control character in an escaped string
      `{"a":"${long}\\x41"}`, // not an escape
      `{"a":"${long}\\u00g1"}`, // a bad \u escape
      `{"a":"${long}" "b":1}`, // a missing comma after it
      `{"a":"${long}",}`, // a trailing comma
      `["${long}"`, // unclosed
    ];
    for (const text of invalid) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError);
      await expect(parseJsonWithLongStrings(text, immediate, SMALL), text).rejects.toThrow(SyntaxError);
    }
  });

  it("keeps JSON.parse's meaning of duplicate keys, __proto__, a long key and a top-level string", async () => {
    const long = "y".repeat(30);
    const duplicate = (await expectSameAsJsonParse(`{"a":"${long}1","a":"${long}\\n2"}`)) as Record<string, string>;
    expect(duplicate.a).toBe(`${long}\n2`);
    const proto = (await expectSameAsJsonParse(`{"__proto__":"${long}\\t"}`)) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(proto, "__proto__")?.value).toBe(`${long}\t`);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    await expectSameAsJsonParse(`{"${long}\\n":"${long}"}`);
    expect(await expectSameAsJsonParse(`  "${long}\\u00e9"  `)).toBe(`${long}é`);
  });

  it("leaves a client's string that looks like another body's placeholder alone", async () => {
    const long = "z".repeat(30);
    const text = `{"a":"${long}\\n","b":"\\u0000tollgate-long-string:0123:0"}`;
    await expectSameAsJsonParse(text);
  });

  it("parses a body nested thousands deep without running out of stack", async () => {
    const depth = 20_000;
    const text = "[".repeat(depth) + `"${"w".repeat(30)}\\n"` + "]".repeat(depth);
    const parsed = await parseJsonWithLongStrings(text, immediate, SMALL);
    let inner: unknown = parsed;
    for (let level = 0; level < depth; level++) inner = (inner as unknown[])[0];
    expect(inner).toBe(`${"w".repeat(30)}\n`);
  });

  it("decodes escaped strings with raw characters past U+00FF in them, wherever the pieces fall", async () => {
    const next = random(5);
    const wideParts = [...PARTS, "中文", "😀", "\\u4e2d", "é"];
    for (let round = 0; round < 40; round++) {
      const text = `{"content":${escapedLiteral(next, wideParts, 20 + Math.floor(next() * 60))}}`;
      for (const pieceChars of [6, 9, 64]) await expectSameAsJsonParse(text, { ...SMALL, pieceChars });
    }
  });

  it("decodes an escaped string in many steps, yielding between them, and gives its scratch buffer back", async () => {
    const text = `{"content":${escapedLiteral(random(8), PARTS, 3000)}}`;
    let yields = 0;
    const counted = async () => {
      yields++;
      await immediate();
    };
    expect(await parseJsonWithLongStrings(text, counted, { ...SMALL, pieceChars: 256 })).toStrictEqual(JSON.parse(text));
    // At most one piece of 256 characters per step with no time budget, a yield after each.
    expect(yields).toBeGreaterThanOrEqual(Math.floor(text.length / 256) - 1);
    const kept = keptScratchCount();
    expect(kept).toBeGreaterThan(0);
    // The buffer is taken again for the next body, and given back after a body that fails too.
    await expect(parseJsonWithLongStrings(`{"a":"${"x".repeat(40)}\\n\u0002"}`, immediate, SMALL)).rejects.toThrow(SyntaxError);
    expect(keptScratchCount()).toBe(kept);
  });

  it("reads text of any script written without escapes: CJK, emoji, Latin-1", async () => {
    const text = `{"a":"${"中文字符".repeat(20)}","b":"${"😀🎉 ".repeat(20)}","c":"${"é ".repeat(20)}"}`;
    expect(await expectSameAsJsonParse(text)).toStrictEqual({ a: "中文字符".repeat(20), b: "😀🎉 ".repeat(20), c: "é ".repeat(20) });
  });

  it("parses three bodies in flight at once", async () => {
    const next = random(11);
    const plain = () => `"${"plain text ".repeat(20 + Math.floor(next() * 30))}"`;
    const texts = [0, 1, 2].map(() => `{"content":${escapedLiteral(next, PARTS, 400)},"tail":${plain()},"more":${plain()}}`);
    const parsed = await Promise.all(texts.map((text) => parseJsonWithLongStrings(text, immediate, { ...SMALL, pieceChars: 32 })));
    expect(parsed).toStrictEqual(texts.map((text) => JSON.parse(text)));
  });

  it("yields between slices of a long string's work, and around an escaped one's parse", async () => {
    const text = `{"content":"${"no escapes here ".repeat(500)}","escaped":${escapedLiteral(random(3), PARTS, 100)}}`;
    let yields = 0;
    const counted = async () => {
      yields++;
      await immediate();
    };
    expect(await parseJsonWithLongStrings(text, counted, { ...SMALL, pieceChars: 64 })).toStrictEqual(JSON.parse(text));
    expect(yields).toBeGreaterThan(10);
  });
});

describe("scratch buffers", () => {
  it("reuses a buffer given back, keeps at most two, and the larger ones", () => {
    while (keptScratchCount() > 0) takeScratch(1);
    const first = takeScratch(10);
    const second = takeScratch(3 * 1024 * 1024);
    const third = takeScratch(2 * 1024 * 1024);
    expect(first.length).toBe(1024 * 1024);
    releaseScratch(first);
    expect(takeScratch(100)).toBe(first);
    releaseScratch(first);
    releaseScratch(second);
    releaseScratch(third);
    expect(keptScratchCount()).toBe(2);
    // The 1 MB one made way for the 2 MB one; a 2.5 MB body gets the 3 MB buffer.
    expect(takeScratch(2.5 * 1024 * 1024)).toBe(second);
    expect(takeScratch(1)).toBe(third);
  });
});
