// One rounding rule for span times in both OTLP encodings (json-writer.ts, protobuf-writer.ts):
// epoch milliseconds with a fraction, as whole milliseconds and the nanoseconds past them.

/** `ms` as [whole milliseconds, nanoseconds 0–999,999], the fraction rounded to the nearest nanosecond. */
export function wholeMsAndNanos(ms: number): [number, number] {
  const whole = Math.floor(ms);
  const nanos = Math.round((ms - whole) * 1e6);
  return nanos >= 1e6 ? [whole + 1, nanos - 1e6] : [whole, nanos];
}
