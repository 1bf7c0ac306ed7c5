// A stand-in for lib/tokens/token-count-thread.ts in the pool's tests, scripted by the texts it gets:
// "slow" takes 300 ms (without using the CPU), "hang" never answers (a busy loop, as a worker stuck in
// a pathological count would), anything else answers at once with its length as its count (so a
// text that crossed in a shared buffer shows whether it came back whole).
"use strict";

// Large texts may arrive in a shared buffer (lib/tokens/text-handoff.ts's SharedText), read back as the real thread does.
const received = (text) => (typeof text === "string" ? text : Buffer.from(text.buffer, text.offset, text.byteLength).toString("utf8"));

module.exports = async function countTexts({ texts: handed }) {
  const texts = handed.map(received);
  if (texts.includes("hang")) for (;;);
  if (texts.includes("slow")) await new Promise((resolve) => setTimeout(resolve, 300));
  return texts.map((text) => ({ tokens: text.length, quality: "exact" }));
};
