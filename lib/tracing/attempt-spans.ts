// The spans of one traced call's upstream attempts (dispatch.ts): each attempt's span starts when
// the router sends it; a failed attempt's ends with its error, the serving attempt's when the router
// is told it finished (a stream: at its end), so the span covers the whole upstream exchange.
import { NO_SPAN, type AttemptInfo, type CallTraces } from "./call-traces";

export class AttemptSpans {
  private serving = NO_SPAN;

  constructor(
    private readonly traces: CallTraces,
    private readonly requestId: string,
  ) {}

  async run<T>(info: AttemptInfo, attempt: () => Promise<T>): Promise<T> {
    const span = this.traces.attempt(this.requestId, info);
    if (span === NO_SPAN) return attempt();
    try {
      const value = await attempt();
      this.serving = span;
      return value;
    } catch (error) {
      this.traces.endAttempt(span, error);
      throw error;
    }
  }

  /** The routed call, its finish() also ending the serving attempt's span. */
  served<C extends { finish(end: { ok: boolean; error?: unknown }): void }>(call: C): C {
    const span = this.serving;
    if (span === NO_SPAN) return call;
    const { traces } = this;
    const finish = call.finish.bind(call);
    call.finish = (end) => {
      finish(end);
      if (end.ok) traces.endAttempt(span);
      else traces.endAttempt(span, end.error ?? new Error("upstream_error"));
    };
    return call;
  }
}
