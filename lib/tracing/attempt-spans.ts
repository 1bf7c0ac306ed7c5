// The spans of one traced call's upstream attempts (dispatch.ts): each attempt's span starts when
// the router sends it; a failed attempt's ends with its error, the serving attempt's when the router
// is told it finished (a stream: at its end), so the span covers the whole upstream exchange.
import type { Span } from "@opentelemetry/api";
import { endSpan, type AttemptInfo, type CallTraces } from "./call-traces";

export class AttemptSpans {
  private serving: Span | null = null;

  constructor(
    private readonly traces: CallTraces,
    private readonly requestId: string,
  ) {}

  async run<T>(info: AttemptInfo, attempt: () => Promise<T>): Promise<T> {
    const span = this.traces.attempt(this.requestId, info);
    if (!span) return attempt();
    try {
      const value = await attempt();
      this.serving = span;
      return value;
    } catch (error) {
      endSpan(span, error);
      throw error;
    }
  }

  /** The routed call, its finish() also ending the serving attempt's span. */
  served<C extends { finish(end: { ok: boolean; error?: unknown }): void }>(call: C): C {
    const span = this.serving;
    if (!span) return call;
    const finish = call.finish.bind(call);
    call.finish = (end) => {
      finish(end);
      if (end.ok) endSpan(span);
      else endSpan(span, end.error ?? new Error("upstream_error"));
    };
    return call;
  }
}
