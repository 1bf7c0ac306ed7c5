import { describe, expect, it } from "vitest";
import { parseCsv } from "@/test/support/parse-csv";
import { csvField } from "./csv-field";

describe("csvField", () => {
  it("quotes only what needs it and reads back to the same text", () => {
    const values = ["gpt-4o", "a,b", 'say "hi"', "two\nlines", "cr\r\nlf", "", " padded "];
    const line = values.map(csvField).join(",") + "\r\n";
    expect(csvField("gpt-4o")).toBe("gpt-4o");
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(parseCsv(line)).toEqual([values]);
  });

  it("keeps spreadsheets from evaluating cells that look like formulas", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@sum")).toBe("'@sum");
    expect(csvField("\tcmd")).toBe("'\tcmd");
  });

  it("writes empty, numeric and structured values", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(-42)).toBe("-42");
    expect(csvField({ a: 1, b: "x,y" })).toBe('"{""a"":1,""b"":""x,y""}"');
  });
});
