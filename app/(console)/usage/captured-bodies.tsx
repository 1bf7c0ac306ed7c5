"use client";
// The request and response bodies of a call whose key or team had body capture on: secrets
// redacted before they were stored, kept until the retention ends.
import { InlineAlert } from "@/components/ui/inline-alert";
import { LocalTime } from "@/components/ui/local-time";
import type { UsageDetail } from "@/lib/usage/schemas";

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text; // a stream's events, or a body cut at the size limit
  }
}

function Body({ title, text, testId }: { title: string; text: string; testId: string }) {
  return (
    <div className="mb-3">
      <h4 className="mb-1 text-xs font-medium text-slate-600">{title}</h4>
      <pre className="max-h-72 overflow-auto rounded-md bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200" data-testid={testId}>
        {pretty(text)}
      </pre>
    </div>
  );
}

export function CapturedBodies({ call }: { call: UsageDetail }) {
  if (!call.captured) return null;
  if (!call.capture) {
    return <InlineAlert tone="info">Bodies were captured for this call; only admins and the key&apos;s owner can read them.</InlineAlert>;
  }
  return (
    <section className="mb-4" data-testid="usage-captured-bodies">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Captured bodies</h3>
      <p className="mb-2 text-xs text-slate-500">
        Secrets redacted. Kept until <LocalTime iso={call.capture.expiresAt} withTime />.{call.capture.truncated ? " Cut at 64 KB." : ""}
      </p>
      <Body title="Request" text={call.capture.request} testId="usage-captured-request" />
      {call.capture.response !== null && <Body title="Response" text={call.capture.response} testId="usage-captured-response" />}
    </section>
  );
}
