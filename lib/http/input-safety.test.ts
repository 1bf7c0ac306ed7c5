import { describe, expect, it } from "vitest";
import { HttpError } from "./errors";
import { assertDateInRange, assertDatesInRange, assertStorableText } from "./input-safety";

function refusal(run: () => unknown): { status: number; field: string | null; code: string | null; message: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, field: error.param, code: error.code, message: error.message };
  }
}

describe("assertStorableText", () => {
  it("accepts ordinary text, emoji (surrogate pairs) and other scalars", () => {
    expect(refusal(() => assertStorableText({ name: "Zoë 😀 日本", tags: ["a", "b"], n: 1, ok: true, none: null }))).toBeNull();
  });

  it("refuses a NUL and names the field path", () => {
    expect(refusal(() => assertStorableText({ channels: [{ type: "email" }, { url: "http://x/\0" }] }))).toMatchObject({
      status: 400,
      field: "channels.1.url",
      code: "invalid_text",
      message: expect.stringContaining("NUL"),
    });
  });

  it("refuses unpaired high and low surrogates, wherever they sit", () => {
    for (const bad of ["a\ud800b", "\ud800", "x\udfff", "\udc00\ud83d", "😀\ud83d"]) {
      expect(refusal(() => assertStorableText({ name: bad }))).toMatchObject({ status: 400, field: "name", message: expect.stringContaining("surrogate") });
    }
  });

  it("refuses a bad property name, naming the object that holds it", () => {
    expect(refusal(() => assertStorableText({ meta: { "a\0": 1 } }))).toMatchObject({ field: "meta", message: expect.stringContaining("property name") });
  });

  it("walks 100,000 levels of nesting without overflowing the stack", () => {
    let deep: unknown = "\0";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(refusal(() => assertStorableText(deep))?.status).toBe(400);
  });
});

describe("assertDatesInRange", () => {
  it("accepts 1970-01-01 through the whole of 2999-12-31", () => {
    expect(refusal(() => assertDatesInRange({ from: new Date("1970-01-01T00:00:00Z"), to: new Date("3000-01-01T00:00:00Z") }))).toBeNull();
  });

  it("refuses years 1 and 10000 and invalid dates, naming the field", () => {
    expect(refusal(() => assertDatesInRange({ from: new Date("0001-01-01") }))).toMatchObject({ status: 400, field: "from", code: "date_out_of_range" });
    expect(refusal(() => assertDatesInRange({ to: new Date(Date.parse("9999-12-31") + 86_400_000) }))).toMatchObject({ field: "to" });
    expect(refusal(() => assertDateInRange(new Date("nonsense"), "expiresAt"))).toMatchObject({ field: "expiresAt" });
  });
});
