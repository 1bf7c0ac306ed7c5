// The part of AbortSignal the proxy pipeline uses, and a light implementation of it. Node 20 builds
// every AbortController through its transferable-object machinery: at two per proxied call that was
// about 3 % of the proxy's CPU and a sizeable share of the garbage it promotes (GC pauses in the
// p99). A Web request still brings its own AbortSignal, which satisfies the same interface; undici
// accepts any object with add/removeEventListener as a request's signal.

export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
  throwIfAborted(): void;
}

/** Listeners fire once, on the first abort; one added after the abort never fires (as with AbortSignal). */
export class AbortFlag implements AbortSignalLike {
  aborted = false;
  reason: unknown = undefined;
  private listeners: (() => void)[] | null = null;

  addEventListener(_type: "abort", listener: () => void): void {
    if (!this.aborted) (this.listeners ??= []).push(listener);
  }

  removeEventListener(_type: "abort", listener: () => void): void {
    const index = this.listeners?.indexOf(listener) ?? -1;
    if (index !== -1) this.listeners!.splice(index, 1);
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  abort(reason: unknown = new DOMException("This operation was aborted", "AbortError")): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = null;
    for (const listener of listeners ?? []) listener();
  }
}
