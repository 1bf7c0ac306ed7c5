// What tracing a call costs in CPU, on one thread and without HTTP, so that two versions can be compared
// on a busy machine (the minimum of six trials of CPU time, which leaves out the time the process waited
// for a core): the proxy's hooks for the four spans of N calls, with each batch message
// structured-cloned where the recorder would post it (the clone's serialization and deserialization,
// which postMessage splits between the two threads; traced-calls.ts), then the export thread's OTLP
// JSON and OTLP protobuf encodings of those batches, 2,048 spans an export. Bundled like the server's
// code (esbuild, one scope: tsx would make every imported constant a getter):
//   npx esbuild scripts/bench/diag/tracing-single-thread.ts --bundle --platform=node --format=cjs \
//     --outfile=node_modules/.cache/tracing-single-thread.cjs && node node_modules/.cache/tracing-single-thread.cjs
// (docs/decisions/022-traces-exported-off-thread.md).
import { JsonWriter } from "../../../lib/tracing/json-writer";
import { encodeOtlpJson } from "../../../lib/tracing/otlp-json";
import { encodeOtlpProtobuf } from "../../../lib/tracing/otlp-protobuf";
import { ProtobufWriter } from "../../../lib/tracing/protobuf-writer";
import { ReceivedStrings } from "../../../lib/tracing/string-table";
import { tracedCalls } from "./traced-calls";

const N = 20000;

async function main() {
  const { call, post, batches: messages } = tracedCalls();
  const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
  const strings = new ReceivedStrings();
  const writer = new JsonWriter();
  const protobufWriter = new ProtobufWriter();
  const data = { resource: { "service.name": "x" }, scope: "tollgate" };
  const proxy: number[] = []; const enc: number[] = []; const encProtobuf: number[] = [];
  for (let trial = 0; trial < 7; trial += 1) {
    messages.length = 0;
    let c = cpu();
    for (let i = 0; i < N; i += 1) await call();
    post();
    proxy.push((cpu() - c) / N);
    c = cpu();
    // Exports of two batches (2,048 spans, MAX_EXPORT_SPANS), as the thread sends them under load.
    let bytes = 0;
    for (let i = 0; i < messages.length; i += 2) {
      const group = messages.slice(i, i + 2);
      for (const m of group) strings.add(m.strings, m.firstString);
      bytes += encodeOtlpJson(writer, group, strings, data).length;
    }
    enc.push((cpu() - c) / N);
    c = cpu();
    let protobufBytes = 0;
    for (let i = 0; i < messages.length; i += 2) protobufBytes += encodeOtlpProtobuf(protobufWriter, messages.slice(i, i + 2), strings, data).length;
    encProtobuf.push((cpu() - c) / N);
    if (trial === 0) console.log(`${messages.length} batches, ${(bytes / N).toFixed(0)} bytes a call as JSON, ${(protobufBytes / N).toFixed(0)} as protobuf`);
  }
  const show = (a: number[]) => a.slice(1).map((v) => v.toFixed(1)).join(" ") + `  (min ${Math.min(...a.slice(1)).toFixed(1)})`;
  console.log(`proxy side µs a call (hooks + clone): ${show(proxy)}`);
  console.log(`OTLP JSON encoding µs a call:         ${show(enc)}`);
  console.log(`OTLP protobuf encoding µs a call:     ${show(encProtobuf)}`);
}
void main();
