import { describe, expect, it } from "vitest";
import { ApiError, apiErrorFromResponse, fieldErrorOf, formErrorOf } from "./api-error";
import { toSearch } from "./fetch-json";

describe("apiErrorFromResponse", () => {
  it("keeps the server's message, code and field", async () => {
    const response = new Response(JSON.stringify({ error: { message: "Email taken", code: "conflict", field: "email" } }), { status: 409 });
    const error = await apiErrorFromResponse(response);
    expect(error).toMatchObject({ status: 409, message: "Email taken", code: "conflict", field: "email" });
  });

  it("falls back to a message by status when the body is not JSON", async () => {
    const error = await apiErrorFromResponse(new Response("<html>", { status: 502 }));
    expect(error.message).toMatch(/server failed/);
  });
});

describe("field errors", () => {
  const error = new ApiError(422, "Pick at least one model", "validation_failed", "models.0");

  it("attaches an error to its field, nested paths included", () => {
    expect(fieldErrorOf(error, "models")).toBe("Pick at least one model");
    expect(fieldErrorOf(error, "name")).toBeUndefined();
  });

  it("drops the path prefix the API puts in front of validation messages", () => {
    expect(fieldErrorOf(new ApiError(422, "email: Invalid email address", null, "email"), "email")).toBe("Invalid email address");
  });

  it("shows only unattached errors above the form", () => {
    expect(formErrorOf(error, ["name", "models"])).toBeUndefined();
    expect(formErrorOf(error, ["name"])).toBe("Pick at least one model");
    expect(formErrorOf(null, ["name"])).toBeUndefined();
  });
});

describe("toSearch", () => {
  it("drops empty filters", () => {
    expect(toSearch({ a: "1", b: "", c: undefined, d: null, page: 2 })).toBe("?a=1&page=2");
    expect(toSearch({})).toBe("");
  });
});
