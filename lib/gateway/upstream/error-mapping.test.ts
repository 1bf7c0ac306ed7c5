import { describe, expect, it } from "vitest";
import { UpstreamError } from "@/lib/http/errors";
import { afterFirstByte, errorFromUpstreamPayload, errorFromUpstreamResponse, streamTruncatedError } from "./error-mapping";

const context = { providerId: "prov_1" };

describe("errorFromUpstreamResponse", () => {
  it("passes a 4xx through with the upstream's message and code", () => {
    const body = JSON.stringify({ error: { message: "This model's maximum context length is 8192 tokens.", type: "invalid_request_error", code: "context_length_exceeded" } });
    const error = errorFromUpstreamResponse(400, body, undefined, context);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ status: 400, message: "This model's maximum context length is 8192 tokens.", code: "context_length_exceeded", type: "invalid_request_error" });
  });

  it("turns 401/403 into a 502 about Tollgate's own provider credential, without echoing the upstream text", () => {
    for (const status of [401, 403]) {
      const error = errorFromUpstreamResponse(status, '{"error":{"message":"Incorrect API key provided: sk-abc***xyz"}}', undefined, context);
      expect(error.status).toBe(502);
      expect(error.message).toContain("rejected Tollgate's credential for provider prov_1");
      expect(error.message).not.toContain("sk-abc");
    }
  });

  it("recognizes Gemini's 400 API_KEY_INVALID as a credential failure", () => {
    const body = JSON.stringify({ error: { code: 400, message: "API key not valid.", status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }] } });
    expect(errorFromUpstreamResponse(400, body, undefined, context)).toMatchObject({ status: 502, code: "upstream_credential_rejected" });
  });

  it("keeps 429 with its retry-after header", () => {
    const body = JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "Number of requests has exceeded your rate limit" } });
    const error = errorFromUpstreamResponse(429, body, "12", context);
    expect(error).toMatchObject({ status: 429, type: "rate_limit_error", headers: { "retry-after": "12" } });
    expect(error.message).toBe("Number of requests has exceeded your rate limit");
  });

  it("maps 5xx to 502 with the upstream message", () => {
    expect(errorFromUpstreamResponse(503, '{"error":{"code":503,"message":"The model is overloaded."}}', undefined, context)).toMatchObject({
      status: 502,
      code: "upstream_server_error",
      message: "The upstream provider failed (HTTP 503): The model is overloaded.",
    });
  });

  it("never passes on a body that is not a JSON error (HTML from a proxy, plain text, other JSON): only its status", () => {
    const page = "<html><body><h1>502 Bad Gateway</h1>nginx (upstream 10.0.3.17:8443)</body></html>";
    const html = errorFromUpstreamResponse(502, page, undefined, context);
    expect(html).toMatchObject({ status: 502, code: "upstream_server_error" });
    expect(html.message).toBe("The upstream provider failed (HTTP 502) without a JSON error message (its body is not passed on).");
    const text = errorFromUpstreamResponse(404, "no route to internal-llm.corp:9000", undefined, context);
    expect(text).toMatchObject({ status: 404, type: "not_found_error" });
    expect(text.message).toBe("The upstream provider answered HTTP 404 without a JSON error message (its body is not passed on).");
    expect(errorFromUpstreamResponse(400, '{"unexpected":"10.0.0.8"}', undefined, context).message).not.toContain("10.0.0.8");
  });

  it("keeps only identifier-like codes: a NUL, a space or a megabyte never reaches the usage record's errorType", () => {
    for (const code of ["bad\u0000code", "two words", "x".repeat(1_000_000), "\ud800"]) {
      const error = errorFromUpstreamResponse(400, JSON.stringify({ error: { message: "nope", code, type: code } }), undefined, context);
      expect(error).toMatchObject({ status: 400, message: "nope", code: "upstream_error" });
    }
    expect(errorFromUpstreamResponse(429, '{"error":{"code":429,"status":"RESOURCE_EXHAUSTED","message":"q"}}', undefined, context).code).toBe("RESOURCE_EXHAUSTED");
  });

  it("reads Ollama's string errors and FastAPI's detail", () => {
    expect(errorFromUpstreamResponse(404, '{"error":"model \\"x\\" not found"}', undefined, context).message).toBe('model "x" not found');
    expect(errorFromUpstreamResponse(422, '{"detail":"bad field"}', undefined, context)).toMatchObject({ status: 422, message: "bad field" });
  });
});

describe("errorFromUpstreamPayload", () => {
  it("infers the status of an error inside a 200 body or stream", () => {
    expect(errorFromUpstreamPayload({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }, context).status).toBe(502);
    expect(errorFromUpstreamPayload({ type: "error", error: { type: "invalid_request_error", message: "bad" } }, context)).toMatchObject({ status: 400, message: "bad" });
    expect(errorFromUpstreamPayload({ error: { code: 429, message: "quota", status: "RESOURCE_EXHAUSTED" } }, context).status).toBe(429);
    expect(errorFromUpstreamPayload({ error: { message: "server had an error", type: "server_error" } }, context).status).toBe(502);
  });
});

describe("stream error flags", () => {
  it("marks errors after the first byte as not retryable", () => {
    expect(streamTruncatedError(true).beforeFirstByte).toBe(true);
    const late = afterFirstByte(errorFromUpstreamResponse(500, "boom", undefined, context)) as UpstreamError;
    expect(late).toMatchObject({ status: 502, beforeFirstByte: false });
    const abort = new DOMException("aborted", "AbortError");
    expect(afterFirstByte(abort)).toBe(abort);
  });
});
