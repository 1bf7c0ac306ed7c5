import { describe, expect, it } from "vitest";
import { plainErrorMap } from "../validation/plain-errors";
import { WARMUP_FORM_LABELS, warmupBody, warmupFormSchema } from "./warmup-form-schema";

function problems(value: unknown): Record<string, string> {
  const result = warmupFormSchema.safeParse(value, { error: plainErrorMap(WARMUP_FORM_LABELS) });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("the warm-up form", () => {
  it("names every problem at once, the missing team among them", () => {
    expect(problems({ text: "  ", format: "lines", model: "", concurrency: 40, chargeTo: "team", teamId: "", keyId: "" })).toEqual({
      text: "Paste prompts or upload a file",
      model: "Choose a model",
      concurrency: "Concurrency must be at most 16",
      teamId: "Choose a team",
    });
    expect(problems({ text: "hi", format: "lines", model: "m", concurrency: null, chargeTo: "key", teamId: "", keyId: "" })).toEqual({
      concurrency: "Concurrency must be a whole number",
      keyId: "Choose a key",
    });
  });

  it("sends the team or the key only when the job is charged to it", () => {
    const base = { text: "a\nb", format: "lines" as const, model: "m", concurrency: 4, teamId: "t1", keyId: "k1" };
    expect(warmupBody({ ...base, chargeTo: "me" })).toEqual({ model: "m", input: { format: "lines", text: "a\nb" }, concurrency: 4 });
    expect(warmupBody({ ...base, chargeTo: "team" })).toMatchObject({ teamId: "t1" });
    expect(warmupBody({ ...base, chargeTo: "key" })).toMatchObject({ keyId: "k1" });
    expect(warmupBody({ ...base, chargeTo: "key" })).not.toHaveProperty("teamId");
  });
});
