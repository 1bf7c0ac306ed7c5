import { describe, expect, it } from "vitest";
import { heavyStepsWaiting, heavyTurn, inHeavyTurn } from "./heavy-turns";

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("heavy turns", () => {
  it("runs queued steps in arrival order, one per turn of the event loop", async () => {
    const seen: string[] = [];
    await new Promise<void>((done) => {
      for (const name of ["a", "b", "c"]) {
        inHeavyTurn(() => {
          seen.push(name);
          // A timer due before the next step must run between the two: with plain setImmediate the
          // three steps would run back to back in one check phase, and the timer after all of them.
          setTimeout(() => seen.push(`timer after ${name}`), 0);
          busyFor(3);
          if (name === "c") setTimeout(done, 5);
        });
      }
      expect(heavyStepsWaiting()).toBe(3);
    });
    expect(seen).toEqual(["a", "timer after a", "b", "timer after b", "c", "timer after c"]);
    expect(heavyStepsWaiting()).toBe(0);
  });

  it("lets network reads in between: an immediate queued with the steps runs after the first only", async () => {
    const seen: string[] = [];
    inHeavyTurn(() => seen.push("step 1"));
    inHeavyTurn(() => seen.push("step 2"));
    setImmediate(() => seen.push("other immediate"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen).toEqual(["step 1", "other immediate", "step 2"]);
  });

  it("awaits as a step: the rest of an async function runs in its own turn", async () => {
    const seen: string[] = [];
    const worker = async (name: string) => {
      for (let slice = 1; slice <= 2; slice++) {
        await heavyTurn();
        seen.push(`${name}${slice}`);
      }
    };
    await Promise.all([worker("x"), worker("y")]);
    // Round robin: a call's next slice queues behind the other call's waiting slice.
    expect(seen).toEqual(["x1", "y1", "x2", "y2"]);
  });
});
