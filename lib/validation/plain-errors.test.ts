import { describe, expect, it } from "vitest";
import { z } from "zod";
import { humanizeField, plainErrorMap, withLabel } from "./plain-errors";

const schema = z.object({
  inputPricePerMTok: z.number().min(0),
  contextWindow: z.number().int().positive(),
  name: z.string().trim().min(1),
  explicit: z.string().min(1, "Name is required"),
  email: z.email(),
  kind: z.enum(["openai", "anthropic"]),
  maxCalls: z.number(),
  baseUrl: z.url(),
  models: z.array(z.string()).min(1),
  percent: z.number().max(100),
  teamId: z.string(),
});
const labels = { inputPricePerMTok: "Input price" };

function messages(value: unknown): Record<string, string> {
  const result = schema.safeParse(value, { error: plainErrorMap(labels) });
  if (result.success) throw new Error("expected a failure");
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("plain zod messages", () => {
  it("says every problem of a form in plain words, naming the field", () => {
    expect(messages({ inputPricePerMTok: -1, contextWindow: 1.5, name: "  ", explicit: "", email: "nope", kind: "x", maxCalls: Number.NaN, baseUrl: "x", models: [], percent: 101 })).toEqual({
      inputPricePerMTok: "Input price can't be negative",
      contextWindow: "Context window must be a whole number",
      name: "Name is required",
      explicit: "Name is required",
      email: "Enter an email address like name@example.com",
      kind: "Kind must be one of: openai, anthropic",
      maxCalls: "Max calls must be a number",
      baseUrl: "Base URL must be a URL like https://example.com",
      models: "Models needs at least one entry",
      percent: "Percent must be at most 100",
      teamId: "Team is required",
    });
  });

  it("says 'more than 0' for positive numbers and 'required' for a missing number", () => {
    const m = messages({ inputPricePerMTok: 0, contextWindow: 0, name: "a", explicit: "a", email: "a@b.co", kind: "openai", baseUrl: "https://x.io", models: ["m"], percent: 1, teamId: "t" });
    expect(m).toEqual({ contextWindow: "Context window must be more than 0", maxCalls: "Max calls is required" });
  });

  it("humanizes field names and leads fragments with the label", () => {
    expect(humanizeField(["keyMaxDays"])).toBe("Key max days");
    expect(humanizeField(["channels", 0, "url"])).toBe("URL");
    expect(humanizeField(["models", 2])).toBe("Models");
    expect(withLabel("must be a whole number of days", ["keyMaxDays"], { keyMaxDays: "Longest key life" })).toBe("Longest key life must be a whole number of days");
    expect(withLabel("Password must be at least 12 characters long.", ["password"])).toBe("Password must be at least 12 characters long.");
  });
});
