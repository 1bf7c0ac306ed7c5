import { describe, expect, it } from "vitest";
import { createProviderSchema } from "@/lib/providers/schemas";
import { createTeamSchema } from "@/lib/teams/schemas";
import { fieldErrorOf } from "./api-error";
import { assertValid } from "./validate";

describe("assertValid", () => {
  it("passes a valid body", () => {
    expect(() => assertValid(createTeamSchema, { name: "Platform" })).not.toThrow();
  });

  it("throws a 422 naming the field, like the API", () => {
    try {
      assertValid(createTeamSchema, { name: " " });
      expect.unreachable();
    } catch (error) {
      expect(fieldErrorOf(error, "name")).toBe("Name is required");
    }
  });

  it("reports cross-field rules on the field they point at", () => {
    const body = { name: "vllm", kind: "openai-compatible", apiKey: "sk" };
    expect(() => assertValid(createProviderSchema, body)).toThrow(expect.objectContaining({ status: 422, field: "baseUrl" }));
  });
});
