import { describe, expect, it } from "vitest";
import { AbortFlag } from "./abort-flag";

describe("AbortFlag", () => {
  it("calls each listener once with the first abort, and keeps the first reason", () => {
    const flag = new AbortFlag();
    const calls: string[] = [];
    const kept = () => calls.push("kept");
    const removed = () => calls.push("removed");
    flag.addEventListener("abort", kept);
    flag.addEventListener("abort", removed);
    flag.removeEventListener("abort", removed);
    const first = new Error("first");
    flag.abort(first);
    flag.abort(new Error("second"));
    expect(calls).toEqual(["kept"]);
    expect(flag.aborted).toBe(true);
    expect(flag.reason).toBe(first);
    expect(() => flag.throwIfAborted()).toThrow(first);
  });

  it("never calls a listener added after the abort, and gives an AbortError by default", () => {
    const flag = new AbortFlag();
    expect(() => flag.throwIfAborted()).not.toThrow();
    flag.abort();
    let called = false;
    flag.addEventListener("abort", () => (called = true));
    expect(called).toBe(false);
    expect((flag.reason as DOMException).name).toBe("AbortError");
  });
});
