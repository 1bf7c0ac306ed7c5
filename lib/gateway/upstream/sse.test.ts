import { describe, expect, it } from "vitest";
import { readSseEvents } from "./sse";

async function* bytes(...pieces: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) yield typeof piece === "string" ? Buffer.from(piece) : piece;
}

async function collect(body: AsyncIterable<Buffer>) {
  const events = [];
  for await (const event of readSseEvents(body)) events.push({ event: event.event, data: event.data });
  return events;
}

describe("readSseEvents", () => {
  it("parses events split anywhere across network chunks", async () => {
    const events = await collect(bytes("event: message_start\nda", "ta: {\"a\":1}\n", "\ndata: [DONE]\n\n"));
    expect(events).toEqual([
      { event: "message_start", data: '{"a":1}' },
      { event: undefined, data: "[DONE]" },
    ]);
  });

  it("accepts CRLF line endings (Gemini) and comments", async () => {
    const events = await collect(bytes(": keep-alive\r\n\r\ndata: {\"x\":1}\r\n\r\n"));
    expect(events).toEqual([{ event: undefined, data: '{"x":1}' }]);
  });

  it("keeps a multi-byte character that straddles two chunks intact", async () => {
    const encoded = Buffer.from('data: {"t":"héllo"}\n\n');
    const cut = encoded.indexOf(0xc3) + 1; // inside the two-byte é
    const events = await collect(bytes(encoded.subarray(0, cut), encoded.subarray(cut)));
    expect(JSON.parse(events[0].data)).toEqual({ t: "héllo" });
  });

  it("drops a byte order mark at the start of the stream, even one split across chunks, and keeps one later", async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(await collect(bytes(Buffer.concat([bom, Buffer.from("data: a\n\n")])))).toEqual([{ event: undefined, data: "a" }]);
    expect(await collect(bytes(bom.subarray(0, 1), Buffer.concat([bom.subarray(1), Buffer.from("data: b\n\n")]), Buffer.concat([Buffer.from("data: "), bom, Buffer.from("c\n\n")])))).toEqual([
      { event: undefined, data: "b" },
      { event: undefined, data: "\ufeffc" },
    ]);
  });

  it("yields each event as soon as its bytes arrive, before the body ends", async () => {
    let released: () => void = () => {};
    const gate = new Promise<void>((resolve) => (released = resolve));
    async function* slowBody(): AsyncGenerator<Buffer> {
      yield Buffer.from("data: first\n\n");
      await gate;
      yield Buffer.from("data: second\n\n");
    }
    const iterator = readSseEvents(slowBody());
    const first = await iterator.next();
    expect(first.value?.data).toBe("first");
    released();
    expect((await iterator.next()).value?.data).toBe("second");
  });

  it("drops a trailing event that never got its blank line", async () => {
    expect(await collect(bytes("data: complete\n\ndata: cut"))).toEqual([{ event: undefined, data: "complete" }]);
  });
});
