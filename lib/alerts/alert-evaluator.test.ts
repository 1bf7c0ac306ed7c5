import { afterEach, describe, expect, it, vi } from "vitest";

// The scheduler is tested on its own: what a pass does is evaluate-alerts.test.ts's business, and
// real passes here would race the other test files' rules in the shared database.
const evaluateAlerts = vi.fn();
vi.mock("./evaluate-alerts", () => ({ evaluateAlerts: () => evaluateAlerts() }));

const { startAlertEvaluator, stopAlertEvaluator } = await import("./alert-evaluator");
const slot = globalThis as unknown as { tollgateAlertEvaluator?: { timer: NodeJS.Timeout } };

afterEach(async () => {
  vi.useRealTimers();
  await stopAlertEvaluator();
  evaluateAlerts.mockReset();
});

describe("alert evaluator timer", () => {
  it("evaluates on every tick, once per process, on an unref'd timer", async () => {
    evaluateAlerts.mockResolvedValue({ evaluated: 0, fired: [], failedRules: 0 });
    expect(startAlertEvaluator(20)).toBe(true);
    const timer = slot.tollgateAlertEvaluator?.timer;
    expect(timer?.hasRef()).toBe(false);
    expect(startAlertEvaluator(20)).toBe(true);
    expect(slot.tollgateAlertEvaluator?.timer).toBe(timer);
    await vi.waitFor(() => expect(evaluateAlerts.mock.calls.length).toBeGreaterThanOrEqual(3));
  });

  it("does not start a pass while the previous one is still running", async () => {
    vi.useFakeTimers();
    let finish: () => void = () => {};
    evaluateAlerts.mockImplementation(() => new Promise<void>((resolve) => (finish = resolve)));
    startAlertEvaluator(10);
    await vi.advanceTimersByTimeAsync(10);
    expect(evaluateAlerts).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100); // ten more ticks while the first pass is still running
    expect(evaluateAlerts).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(10);
    expect(evaluateAlerts).toHaveBeenCalledTimes(2);
    // stopAlertEvaluator waits for the pass in progress: let it end.
    finish();
  });

  it("survives a failing pass and stays off when the interval is 0", async () => {
    evaluateAlerts.mockRejectedValue(new Error("database down"));
    startAlertEvaluator(10);
    await vi.waitFor(() => expect(evaluateAlerts.mock.calls.length).toBeGreaterThanOrEqual(2));
    await stopAlertEvaluator();
    expect(slot.tollgateAlertEvaluator).toBeUndefined();
    expect(startAlertEvaluator(0)).toBe(false);
    expect(slot.tollgateAlertEvaluator).toBeUndefined();
  });
});
