// One heavy step of large-body work per turn of the event loop, across every call in flight.
//
// A large call's work on the proxy's thread is cut into steps that each yield (the parse of a large
// body, what the pipeline does right after it, each ~1 ms slice of its upstream body: json-body.ts,
// encode-json-in-turns.ts). Yielding with setImmediate alone is not enough when two large calls are in
// flight: Node runs every immediate queued before its check phase began back to back, so the parse of
// one body, the hand-off of another's prompt and a slice of a third's upstream body could run in one
// turn, and the small calls' network reads and timers waited for all of them (30–45 ms stretches on
// a CPU with two 4 MB prompts in flight, where the longest single step was ~15 ms). Here the steps
// queue in arrival order and one is run per turn, so the loop polls the network between any two.
const waiting: Array<() => void> = [];
let scheduled = false;

function runOne(): void {
  const step = waiting.shift();
  // The next one goes to the next turn: an immediate scheduled from the check phase waits for the
  // next loop iteration (timers and the network first).
  if (waiting.length > 0) setImmediate(runOne);
  else scheduled = false;
  step?.();
}

/** Runs `step` in a later turn of the event loop, alone among the queued heavy steps of that turn. */
export function inHeavyTurn(step: () => void): void {
  waiting.push(step);
  if (!scheduled) {
    scheduled = true;
    setImmediate(runOne);
  }
}

/** `await heavyTurn()`: the rest of the async function runs as a heavy step (see inHeavyTurn). */
export function heavyTurn(): Promise<void> {
  return new Promise((resolve) => inHeavyTurn(resolve));
}

/** Heavy steps waiting for their turn (for tests). */
export function heavyStepsWaiting(): number {
  return waiting.length;
}
