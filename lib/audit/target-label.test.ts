import { describe, expect, it } from "vitest";
import { auditTargetLabel, auditTargetName } from "./target-label";

const entry = (fields: Partial<Parameters<typeof auditTargetLabel>[0]>) => ({ targetType: "key", targetId: "cmx710zlb0000abcdxyz", before: null, after: null, ...fields });

describe("audit target labels", () => {
  it("names the target from the entry's snapshot: the new name after a rename, the old one after a delete", () => {
    expect(auditTargetLabel(entry({ before: { name: "ci" }, after: { name: "ci-prod" } }))).toBe("key “ci-prod”");
    expect(auditTargetLabel(entry({ before: { name: "ci" }, after: null }))).toBe("key “ci”");
    expect(auditTargetName(entry({ targetType: "user", after: { email: "ana@example.com" } }))).toBe("ana@example.com");
    expect(auditTargetLabel(entry({ targetType: "quota", after: { scope: "user", scopeName: "ana@example.com" } }))).toBe("quota “ana@example.com”");
  });

  it("falls back to a shortened id when no name is known, and a dash without a target", () => {
    expect(auditTargetLabel(entry({ after: { enabled: true } }))).toBe("key cmx710zlb0…");
    expect(auditTargetLabel(entry({ targetId: "t1" }))).toBe("key t1");
    expect(auditTargetLabel(entry({ targetType: null, targetId: null }))).toBe("—");
  });
});
