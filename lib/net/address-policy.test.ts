import { describe, expect, it } from "vitest";
import { addressRefusal, classifyAddress } from "./address-policy";

describe("classifyAddress", () => {
  it("knows the metadata, link-local and unspecified addresses, in both IPv4 and IPv6 spellings", () => {
    expect(classifyAddress("169.254.169.254")).toBe("metadata");
    expect(classifyAddress("::ffff:169.254.169.254")).toBe("metadata");
    expect(classifyAddress("::ffff:a9fe:a9fe")).toBe("metadata");
    expect(classifyAddress("fd00:ec2::254")).toBe("metadata");
    expect(classifyAddress("fd00:ec2:0:0:0:0:0:254")).toBe("metadata");
    expect(classifyAddress("100.100.100.200")).toBe("metadata");
    expect(classifyAddress("169.254.1.2")).toBe("link-local");
    expect(classifyAddress("fe80::1")).toBe("link-local");
    expect(classifyAddress("febf::1")).toBe("link-local");
    expect(classifyAddress("0.0.0.0")).toBe("unspecified");
    expect(classifyAddress("::")).toBe("unspecified");
  });

  it("knows loopback and private ranges, and leaves public addresses and names alone", () => {
    for (const address of ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"]) expect(classifyAddress(address)).toBe("loopback");
    for (const address of ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1"]) {
      expect(classifyAddress(address)).toBe("private");
    }
    for (const address of ["8.8.8.8", "172.32.0.1", "2606:4700::1111", "api.openai.com", ""]) expect(classifyAddress(address)).toBeNull();
  });
});

describe("addressRefusal", () => {
  it("always refuses metadata, link-local and unspecified addresses", () => {
    for (const policy of [false, true]) {
      expect(addressRefusal("169.254.169.254", policy)).toMatch(/cloud metadata/);
      expect(addressRefusal("fe80::1", policy)).toMatch(/link-local/);
      expect(addressRefusal("0.0.0.0", policy)).toMatch(/unspecified/);
    }
  });

  it("refuses loopback and private ranges only when the setting is on", () => {
    expect(addressRefusal("127.0.0.1", false)).toBeNull();
    expect(addressRefusal("10.0.0.5", false)).toBeNull();
    expect(addressRefusal("127.0.0.1", true)).toMatch(/loopback.*TOLLGATE_BLOCK_PRIVATE_NETWORKS/);
    expect(addressRefusal("fd12::1", true)).toMatch(/private-network/);
    expect(addressRefusal("1.1.1.1", true)).toBeNull();
  });
});
