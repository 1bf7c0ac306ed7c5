// A body decoded piece by piece must be the text decoded in one go, wherever the network cut it,
// including between the bytes of one character (and a broken sequence decodes as it would whole).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BodyText } from "./body-text";

function decodeInPieces(bytes: Buffer, cuts: number[], batchBytes?: number): string {
  const body = new BodyText(batchBytes);
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= start || cut >= bytes.length) continue;
    body.add(bytes.subarray(start, cut));
    start = cut;
  }
  body.add(bytes.subarray(start));
  return body.text();
}

describe("BodyText", () => {
  it("decodes pieces cut anywhere, even inside a character, to the text decoded whole", () => {
    const text = fc.string({ unit: "binary", maxLength: 200 });
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 800 }), { maxLength: 12 }), fc.integer({ min: 1, max: 64 }), (value, cuts, batchBytes) => {
        const bytes = Buffer.from(`{"content":${JSON.stringify(value)}} 中文 😀`);
        expect(decodeInPieces(bytes, cuts, batchBytes)).toBe(bytes.toString("utf8"));
      }),
      { numRuns: 2000 },
    );
  });

  it("joins an ASCII body's pieces into the text decoded whole, and one that turns non-ASCII anywhere too", () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((code) => String.fromCharCode(code)), maxLength: 300 });
    fc.assert(
      fc.property(ascii, fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), fc.option(fc.nat({ max: 300 })), (value, cuts, turnsAt) => {
        const text = turnsAt === null ? value : `${value.slice(0, turnsAt)}é中😀${value.slice(turnsAt)}`;
        const bytes = Buffer.from(text);
        expect(decodeInPieces(bytes, cuts, 16)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("decodes broken UTF-8 the way a whole decode does", () => {
    const bytes = Buffer.from([0x7b, 0xe4, 0xb8, 0x22, 0xf0, 0x9f, 0x98, 0x7d, 0xff, 0xe4]);
    for (let cut = 1; cut < bytes.length; cut++) {
      for (const batchBytes of [1, 2, 3, 1024]) expect(decodeInPieces(bytes, [cut, cut + 2], batchBytes)).toBe(bytes.toString("utf8"));
    }
  });

  it("takes a body in one piece as it is, and nothing as empty text", () => {
    const one = new BodyText();
    one.add(new TextEncoder().encode('{"a":"é"}'));
    expect(one.text()).toBe('{"a":"é"}');
    expect(new BodyText().text()).toBe("");
  });
});
