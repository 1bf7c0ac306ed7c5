import { hash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AdmissionDoorkeeper, GENERATION_KEYS } from "./admission-doorkeeper";

/** Keys as cache-key.ts makes them: SHA-256 in base64url. */
const keyOf = (text: string) => hash("sha256", text, "base64url");

describe("AdmissionDoorkeeper", () => {
  it("answers false the first time it sees a key and true after", () => {
    const doorkeeper = new AdmissionDoorkeeper();
    const key = keyOf("what is the capital of France?");
    expect(doorkeeper.seenBefore(key)).toBe(false);
    expect(doorkeeper.seenBefore(key)).toBe(true);
    expect(doorkeeper.seenBefore(key)).toBe(true);
    expect(doorkeeper.seenBefore(keyOf("what is the capital of Spain?"))).toBe(false);
  });

  it("takes few unseen keys for seen ones, even with a full generation", () => {
    const doorkeeper = new AdmissionDoorkeeper();
    for (let i = 0; i < GENERATION_KEYS - 1; i++) doorkeeper.seenBefore(keyOf(`filler ${i}`));
    let falsePositives = 0;
    const probes = 20_000;
    for (let i = 0; i < probes; i++) if (doorkeeper.seenBefore(randomBytes(32).toString("base64url"))) falsePositives++;
    // ~0.8 % at the fullest (2^20 bits, 7 positions, 100,000 keys): far from a filter that says yes to everything.
    expect(falsePositives / probes).toBeLessThan(0.03);
  });

  it("remembers a key for at least a generation of other first sightings, then forgets it", () => {
    const doorkeeper = new AdmissionDoorkeeper();
    const key = keyOf("remember me");
    expect(doorkeeper.seenBefore(key)).toBe(false);
    for (let i = 0; i < GENERATION_KEYS; i++) doorkeeper.seenBefore(keyOf(`others ${i}`));
    // The generation turned over: the key is in the previous filter, still seen (and noted again).
    expect(doorkeeper.seenBefore(key)).toBe(true);
    const forgotten = keyOf("forget me");
    doorkeeper.seenBefore(forgotten);
    for (let i = 0; i < 2 * GENERATION_KEYS + 1; i++) doorkeeper.seenBefore(keyOf(`more ${i}`));
    expect(doorkeeper.seenBefore(forgotten)).toBe(false);
  });

  it("treats an empty key as never seen", () => {
    const doorkeeper = new AdmissionDoorkeeper();
    expect(doorkeeper.seenBefore("")).toBe(false);
    expect(doorkeeper.seenBefore("")).toBe(false);
  });
});
