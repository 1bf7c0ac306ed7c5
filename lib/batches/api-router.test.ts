import { describe, expect, it } from "vitest";
import { batchApiRoute } from "./api-router";

describe("the Files and Batch APIs' routes", () => {
  it("serves each path with its methods only, and nothing else", () => {
    const route = (path: string, method: string) => batchApiRoute(path, method)?.endpoint ?? null;
    expect(route("/files", "POST")).toBe("files");
    expect(route("/files", "GET")).toBe("files");
    expect(route("/files/file-1", "GET")).toBe("files");
    expect(route("/files/file-1", "DELETE")).toBe("files");
    expect(route("/files/file-1/content", "GET")).toBe("files");
    expect(route("/batches", "POST")).toBe("batches");
    expect(route("/batches/", "GET")).toBe("batches");
    expect(route("/batches/batch_1", "GET")).toBe("batches");
    expect(route("/batches/batch_1/cancel", "POST")).toBe("batches");
    for (const [path, method] of [["/files", "DELETE"], ["/files/f/content", "POST"], ["/batches/b", "DELETE"], ["/batches/b/cancel", "GET"], ["/batches/b/other", "POST"], ["/batches/b/cancel/x", "POST"], ["/models", "GET"]]) {
      expect(route(path, method), `${method} ${path}`).toBeNull();
    }
  });
});
