import { describe, expect, it } from "vitest";
import { Semaphore } from "./semaphore";

describe("the shared bound on calls in flight", () => {
  it("grants up to its limit, then in arrival order as slots are released; a release counts once", async () => {
    const slots = new Semaphore(2);
    const first = await slots.acquire();
    const second = await slots.acquire();
    expect(slots.inUse).toBe(2);
    const order: string[] = [];
    const third = slots.acquire().then((release) => (order.push("third"), release));
    const fourth = slots.acquire().then((release) => (order.push("fourth"), release));
    first!();
    first!();
    const thirdRelease = await third;
    expect(order).toEqual(["third"]);
    second!();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
    expect(slots.inUse).toBe(2);
    thirdRelease!();
    expect(slots.inUse).toBe(1);
  });

  it("a waiter whose signal aborts gets null and takes no slot", async () => {
    const slots = new Semaphore(1);
    const held = await slots.acquire();
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort();
    expect(await waiting).toBeNull();
    held!();
    expect(slots.inUse).toBe(0);
    expect(await slots.acquire(AbortSignal.abort())).toBeNull();
  });
});
