import { describe, expect, it } from "vitest";
import { plainErrorMap } from "../validation/plain-errors";
import { signInFormSchema, signInSchema } from "./schemas";

function problems(value: unknown): Record<string, string> {
  const result = signInFormSchema.safeParse(value, { error: plainErrorMap() });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("sign-in fields", () => {
  it("names both missing fields at once, and a malformed email in plain words", () => {
    expect(problems({ email: "  ", password: "" })).toEqual({ email: "Email is required", password: "Password is required" });
    expect(problems({ email: "ada", password: "" })).toEqual({ email: "Enter an email address like name@example.com", password: "Password is required" });
    expect(problems({ email: "Ada@Example.com ", password: "x" })).toEqual({});
  });

  it("normalizes the email the server looks the user up by", () => {
    expect(signInSchema.parse({ email: " Ada@Example.COM ", password: "pw" })).toEqual({ email: "ada@example.com", password: "pw" });
  });
});
