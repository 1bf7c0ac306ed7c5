import { describe, expect, it } from "vitest";
import { csvText, microsToDecimal } from "./billing-csv";
import { parseCsv } from "./csv-test-support";

describe("microsToDecimal", () => {
  it("renders integer micro-dollars as exact decimal dollars", () => {
    expect(microsToDecimal(0n)).toBe("0.000000");
    expect(microsToDecimal(7n)).toBe("0.000007");
    expect(microsToDecimal(6_834_585n)).toBe("6.834585");
    expect(microsToDecimal(-1_500_000n)).toBe("-1.500000");
    // Past 2^53 micro-dollars a float would already be off.
    expect(microsToDecimal(9_007_199_254_740_993n)).toBe("9007199254.740993");
  });
});

describe("csvText", () => {
  it("quotes only what needs it and reads back to the same text", () => {
    const values = ["gpt-4o", "a,b", 'say "hi"', "two\nlines", "cr\r\nlf", "", " padded "];
    const line = values.map(csvText).join(",") + "\r\n";
    expect(csvText("gpt-4o")).toBe("gpt-4o");
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(parseCsv(line)).toEqual([values]);
  });

  it("keeps spreadsheets from evaluating cells that look like formulas", () => {
    expect(csvText("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvText("+1")).toBe("'+1");
    expect(csvText("@sum")).toBe("'@sum");
  });
});
