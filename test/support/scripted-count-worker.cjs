// A stand-in for lib/tokens/token-count-thread.ts in the pool's tests, scripted by the texts it gets:
// "slow" takes 300 ms (without using the CPU), "hang" never answers (a busy loop, as a worker stuck in
// a pathological count would), anything else answers at once with its length as its count.
"use strict";

module.exports = async function countTexts({ texts }) {
  if (texts.includes("hang")) for (;;);
  if (texts.includes("slow")) await new Promise((resolve) => setTimeout(resolve, 300));
  return texts.map((text) => ({ tokens: text.length, quality: "exact" }));
};
