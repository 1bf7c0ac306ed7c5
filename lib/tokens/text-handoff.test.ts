import { describe, expect, it } from "vitest";
import { HandOffBuffers, textBlocks, type HandedText, type HandOff, type SharedText } from "./text-handoff";

const options = { minChars: 100, bufferBytes: 4096, buffers: 2 };
const large = (unit: string, chars = 300) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
const shared = (handOff: HandOff, index: number) => handOff.texts[index] as SharedText;
/** The text as the thread reads it: its blocks, joined. */
function receivedText(text: HandedText, blockBytes?: number): string {
  const blocks = textBlocks(text, blockBytes);
  let whole = "";
  for (let block = blocks.next(); block !== null; block = blocks.next()) whole += block;
  return whole;
}
const back = (handOff: HandOff) => handOff.texts.map((text) => receivedText(text));

describe("HandOffBuffers", () => {
  it("clones small texts and writes large ones into a buffer, each at its own offset", () => {
    const buffers = new HandOffBuffers(options);
    const texts = ["short", large("prose, "), "also short", large("more text ")];
    const handOff = buffers.handOff(texts);
    expect(handOff.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(typeof handOff.texts[0]).toBe("string");
    expect(shared(handOff, 1)).toMatchObject({ buffer: handOff.buffer, offset: 0, byteLength: 300 });
    expect(shared(handOff, 3)).toMatchObject({ buffer: handOff.buffer, offset: 300, byteLength: 300 });
    expect(back(handOff)).toEqual(texts);
  });

  it("takes no buffer when no text is large", () => {
    const buffers = new HandOffBuffers(options);
    expect(buffers.handOff(["a", "b"])).toEqual({ texts: ["a", "b"], buffer: null });
    expect(buffers.available).toBe(2);
  });

  it("reuses a released buffer instead of making a new one", () => {
    const buffers = new HandOffBuffers(options);
    const first = buffers.handOff([large("a")]);
    buffers.release(first.buffer!);
    const second = buffers.handOff([large("b")]);
    expect(second.buffer).toBe(first.buffer);
    expect(back(second)).toEqual([large("b")]);
  });

  it("gives counts in flight buffers of their own, and clones when none is free", () => {
    const buffers = new HandOffBuffers(options);
    const one = buffers.handOff([large("one ")]);
    const two = buffers.handOff([large("two ")]);
    expect(two.buffer).not.toBe(one.buffer);
    expect(buffers.available).toBe(0);
    const three = buffers.handOff([large("three ")]);
    expect(three).toEqual({ texts: [large("three ")], buffer: null });
    // The first count's text is intact: the others never wrote over it.
    expect(back(one)).toEqual([large("one ")]);
    buffers.release(one.buffer!);
    expect(buffers.available).toBe(1);
    expect(buffers.handOff([large("four ")]).buffer).toBe(one.buffer);
  });

  it("clones a text that does not fit in what is left of the buffer, and frees a buffer nothing went into", () => {
    const buffers = new HandOffBuffers(options);
    const texts = [large("x", 3000), large("y", 3000)];
    const handOff = buffers.handOff(texts);
    expect(shared(handOff, 0).byteLength).toBe(3000);
    expect(handOff.texts[1]).toBe(texts[1]);
    expect(back(handOff)).toEqual(texts);
    const tooLarge = buffers.handOff([large("z", 5000)]);
    expect(tooLarge).toEqual({ texts: [large("z", 5000)], buffer: null });
    expect(buffers.available).toBe(1);
  });

  it("gives back non-ASCII text and emoji exactly, and clones a text with a lone surrogate", () => {
    const buffers = new HandOffBuffers({ ...options, bufferBytes: 64 * 1024 });
    const texts = [large("naïve café, Straße — 日本語のテキスト 😀🎉👍🏽 "), large("\u{1F600}"), large("\uFEFF\u0000\u07FF\u0800\uFFFF\u{10000}\u{10FFFF}")];
    const handOff = buffers.handOff(texts);
    expect(handOff.texts.every((text) => typeof text !== "string")).toBe(true);
    expect(back(handOff)).toEqual(texts);
    const lone = [large("ok \uD800 then \uDC00 "), large("x") + "\uD83D"];
    const withLone = buffers.handOff(lone);
    expect(withLone.texts).toEqual(lone);
    expect(withLone.buffer).toBeNull();
  });

  it("reads a shared text in blocks that never cut a character, whatever the block size", () => {
    const buffers = new HandOffBuffers({ ...options, bufferBytes: 64 * 1024 });
    const text = large("a é 日本 😀 ", 1000);
    const handOff = buffers.handOff([text]);
    for (const blockBytes of [1, 2, 3, 4, 5, 7, 64, 999, 100_000]) {
      const blocks = textBlocks(handOff.texts[0], blockBytes);
      const total = blocks.bytesLeft;
      expect(total).toBe(Buffer.byteLength(text));
      let read = 0;
      let whole = "";
      for (let block = blocks.next(); block !== null; block = blocks.next()) {
        expect(block).not.toContain("\uFFFD");
        read += Buffer.byteLength(block);
        expect(blocks.bytesLeft).toBe(total - read);
        whole += block;
      }
      expect(whole).toBe(text);
    }
  });

  it("makes a new buffer for one discarded while a stopped thread may still read it", () => {
    const buffers = new HandOffBuffers({ ...options, buffers: 1 });
    const stuck = buffers.handOff([large("a")]);
    expect(buffers.available).toBe(0);
    buffers.discard(stuck.buffer!);
    expect(buffers.available).toBe(1);
    const next = buffers.handOff([large("b")]);
    expect(next.buffer).not.toBe(stuck.buffer);
    expect(back(stuck)).toEqual([large("a")]);
  });

  it("makes and touches its buffers ahead of use", () => {
    const buffers = new HandOffBuffers(options);
    buffers.prepare();
    expect(buffers.available).toBe(2);
    const handOff = buffers.handOff([large("a")]);
    expect(handOff.buffer!.byteLength).toBe(4096);
  });
});
