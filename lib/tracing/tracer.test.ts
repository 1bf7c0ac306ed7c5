// Where and how spans are exported, from the environment: the traces URL, and the OTLP/HTTP encoding
// (the traces variable over the general one, protobuf when neither is set, as the OTLP spec says).
import { describe, expect, it } from "vitest";
import { tracesProtocol, tracesUrl } from "./tracer";

describe("the trace export settings", () => {
  it("posts to <endpoint>/v1/traces, or to the traces endpoint as given, and not at all without either", () => {
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined })).toBe("http://collector:4318/v1/traces");
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example/in" })).toBe("https://traces.example/in");
    expect(tracesUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: undefined })).toBeNull();
  });

  it("encodes protobuf unless a protocol variable says http/json, the traces one first", () => {
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: undefined, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: undefined })).toBe("http/protobuf");
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: undefined })).toBe("http/json");
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/protobuf" })).toBe("http/protobuf");
    expect(tracesProtocol({ OTEL_EXPORTER_OTLP_PROTOCOL: undefined, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json" })).toBe("http/json");
  });
});
