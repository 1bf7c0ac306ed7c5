// Request ids: the shape the tracing encoders pack (req_ + 32 lower-case hex digits), time first so
// the usage ledger's primary key grows at its right edge, random after it so ids stay unique.
import { describe, expect, it } from "vitest";
import { newRequestId } from "./respond";

describe("newRequestId", () => {
  it("is req_ and 32 lower-case hex digits, the first 12 the time in ms", () => {
    const at = Date.UTC(2026, 11, 4, 3, 30, 0, 123);
    const id = newRequestId(at);
    expect(id).toMatch(/^req_[0-9a-f]{32}$/);
    expect(Number.parseInt(id.slice(4, 16), 16)).toBe(at);
  });

  it("sorts by time across milliseconds, and differs within one", () => {
    const at = Date.UTC(2026, 11, 4, 3, 30, 0, 0);
    const sameMs = Array.from({ length: 1000 }, () => newRequestId(at));
    expect(new Set(sameMs).size).toBe(1000);
    const later = [newRequestId(at + 1), newRequestId(at + 15), newRequestId(at + 16), newRequestId(at + 4096)];
    expect([...later].sort()).toEqual(later);
    expect(later.every((id) => sameMs.every((earlier) => earlier < id))).toBe(true);
  });

  it("keeps 80 random bits: no digit after the time is fixed", () => {
    const ids = Array.from({ length: 2000 }, () => newRequestId());
    for (let digit = 16; digit < 36; digit++) expect(new Set(ids.map((id) => id[digit])).size).toBeGreaterThan(2);
  });
});
