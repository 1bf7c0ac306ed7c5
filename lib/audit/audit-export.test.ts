import { describe, expect, it } from "vitest";
import { auditExportResponse, csvField, csvHeader, csvRow } from "./audit-export";
import type { AuditLogEntry } from "./schemas";

function entry(id: number, overrides: Partial<AuditLogEntry> = {}): AuditLogEntry {
  return {
    id,
    createdAt: "2025-06-01T12:00:00.000Z",
    actorType: "user",
    actorId: "u1",
    actorEmail: "a@example.com",
    action: "team.update",
    targetType: "team",
    targetId: "t1",
    before: { name: "Old" },
    after: { name: "New, \"quoted\"" },
    ip: "10.0.0.1",
    userAgent: "test",
    prevHash: "0".repeat(64),
    hash: "f".repeat(64),
    ...overrides,
  };
}

async function* rows(list: AuditLogEntry[]) {
  yield* list;
}

describe("audit export", () => {
  it("quotes CSV fields per RFC 4180 and defuses spreadsheet formulas", () => {
    expect(csvField(null)).toBe("");
    expect(csvField(42)).toBe("42");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("@evil")).toBe("'@evil");
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });

  it("streams a CSV with a header and one line per entry", async () => {
    const response = auditExportResponse("csv", rows([entry(2), entry(1)]), new Date("2025-06-02T10:11:12Z"));
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="tollgate-audit-log-2025-06-02-10-11-12.csv"');
    const text = await response.text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(csvHeader().trimEnd());
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(csvRow(entry(2)).trimEnd());
    expect(lines[1].startsWith("2,2025-06-01T12:00:00.000Z,user,u1,a@example.com,team.update")).toBe(true);
  });

  it("streams valid JSON, also when nothing matches", async () => {
    const two = await auditExportResponse("json", rows([entry(2), entry(1)])).json();
    expect(two).toEqual([entry(2), entry(1)]);
    expect(await auditExportResponse("json", rows([])).json()).toEqual([]);
    expect(await auditExportResponse("csv", rows([])).text()).toBe(csvHeader());
  });
});
