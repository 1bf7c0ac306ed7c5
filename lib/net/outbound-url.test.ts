import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "../env";
import { HttpError } from "../http/errors";
import { assertOutboundUrl, outboundUrlRefusal } from "./outbound-url";

afterEach(() => {
  delete process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS;
  resetEnvCache();
});

describe("outboundUrlRefusal", () => {
  it("refuses metadata and link-local hosts in every spelling a URL parser accepts", () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data",
      "http://[::ffff:169.254.169.254]/",
      "http://[fd00:ec2::254]/",
      "http://[fe80::1]:8080/v1",
      "http://0xA9FEA9FE/",
      "http://2852039166/",
      "http://169.254.169.254./",
      "http://0.0.0.0:11434/v1",
      "http://metadata.google.internal/computeMetadata/v1",
      "http://METADATA.google.internal./",
      "http://metadata/",
    ]) {
      expect({ url, refusal: outboundUrlRefusal(url, false) }).toEqual({ url, refusal: expect.any(String) });
    }
  });

  it("allows local models and public APIs by default; the setting refuses loopback and private hosts", () => {
    for (const url of ["http://127.0.0.1:11434/v1", "http://localhost:8000/v1", "http://10.0.0.8/v1", "https://api.openai.com/v1"]) {
      expect(outboundUrlRefusal(url, false)).toBeNull();
    }
    for (const url of ["http://127.0.0.1:11434/v1", "http://localhost:8000/v1", "http://app.localhost/", "http://[::1]/", "http://192.168.0.10/"]) {
      expect(outboundUrlRefusal(url, true)).toMatch(/TOLLGATE_BLOCK_PRIVATE_NETWORKS/);
    }
    expect(outboundUrlRefusal("https://api.openai.com/v1", true)).toBeNull();
  });
});

describe("assertOutboundUrl", () => {
  it("throws a 400 naming the field, and reads the setting from the environment", () => {
    let error: unknown;
    try {
      assertOutboundUrl("http://169.254.169.254/", "channels.0.url");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, param: "channels.0.url", code: "url_not_allowed" });
    expect(() => assertOutboundUrl("http://10.0.0.1/", "baseUrl")).not.toThrow();
    process.env.TOLLGATE_BLOCK_PRIVATE_NETWORKS = "true";
    resetEnvCache();
    expect(() => assertOutboundUrl("http://10.0.0.1/", "baseUrl")).toThrow(/baseUrl: points at 10.0.0.1/);
  });
});
