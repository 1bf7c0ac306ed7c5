"use client";
// The figures of one call, grouped the way people debug: what happened, who called, what it
// cost, how long it took, where it went.
import type { ReactNode } from "react";
import { LocalTime } from "@/components/ui/local-time";
import { formatCurrency, formatDuration, formatNumber } from "@/lib/charts/format";
import type { UsageDetail } from "@/lib/usage/schemas";
import { cacheLabel, OutcomeBadge, refusalLabel } from "./usage-outcome";

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="grid grid-cols-[9rem_1fr] gap-3 py-1.5 text-sm" data-testid={testId}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-900">{children}</dd>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mb-4">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{title}</h3>
      <dl className="divide-y divide-slate-100">{children}</dl>
    </section>
  );
}

const none = <span className="text-slate-400">—</span>;

export function UsageDetailFields({ call }: { call: UsageDetail }) {
  return (
    <>
      <Section title="Outcome">
        <Row label="Status" testId="usage-detail-status">
          <OutcomeBadge record={call} />
        </Row>
        {call.refusal && <Row label="Refused because" testId="usage-detail-refusal">{refusalLabel(call.refusal)}</Row>}
        {call.errorType && <Row label="Error">{call.errorType}</Row>}
        <Row label="Time">
          <LocalTime iso={call.createdAt} withTime />
        </Row>
        <Row label="Endpoint">
          {call.endpoint}
          {call.streamed ? " · streamed" : ""}
        </Row>
      </Section>
      <Section title="Caller">
        <Row label="Key">{call.keyName ? `${call.keyName}${call.keyPrefix ? ` (${call.keyPrefix}…)` : ""}` : call.keyId === null ? "playground" : none}</Row>
        <Row label="User">{call.userEmail ?? none}</Row>
        <Row label="Team">{call.teamName ?? none}</Row>
      </Section>
      <Section title="Tokens and cost">
        <Row label="Tokens in / out" testId="usage-detail-tokens">
          {formatNumber(call.inputTokens)} / {formatNumber(call.outputTokens)}
          {call.estimated ? " (estimated)" : ""}
        </Row>
        <Row label="Cached input">{formatNumber(call.cachedTokens)}</Row>
        <Row label="Cost" testId="usage-detail-cost">{formatCurrency(call.cost)}</Row>
        <Row label="Cost saved">{formatCurrency(call.costSaved)}</Row>
      </Section>
      <Section title="Timing">
        <Row label="Latency">{formatDuration(call.latencyMs)}</Row>
        <Row label="First token">{call.ttftMs === null ? none : formatDuration(call.ttftMs)}</Row>
      </Section>
      <Section title="Routing and cache">
        <Row label="Model">
          <span className="font-mono text-xs">{call.model}</span>
        </Row>
        <Row label="Upstream">{call.upstreamModel ? `${call.upstreamModel} (${call.providerKind ?? "?"})` : none}</Row>
        {call.router && <Row label="Auto router">{call.router}</Row>}
        {call.deploymentId !== undefined && (
          <Row label="Deployment" testId="usage-detail-deployment">
            {call.deploymentName ?? call.deploymentId ?? none}
          </Row>
        )}
        {call.attempts !== undefined && <Row label="Attempts">{call.attempts ?? none}</Row>}
        {call.fallbackModel !== undefined && <Row label="Fallback model">{call.fallbackModel ?? none}</Row>}
        <Row label="Cache">{cacheLabel(call.cache)}</Row>
      </Section>
      {call.attemptLog.length > 0 && <AttemptLog attempts={call.attemptLog} />}
    </>
  );
}

/** Every upstream attempt of a call that took more than one, in order. */
function AttemptLog({ attempts }: { attempts: UsageDetail["attemptLog"] }) {
  return (
    <section className="mb-4" data-testid="usage-detail-attempts">
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">Attempts</h3>
      <ol className="divide-y divide-slate-100 text-sm">
        {attempts.map((a, i) => (
          <li key={i} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1.5">
            <span className="min-w-0 break-words">
              {i + 1}. {a.deploymentName ?? a.deploymentId}
              <span className="text-slate-500"> · {a.model}</span>
            </span>
            <span className={a.status < 400 ? "text-emerald-700" : "text-red-700"}>
              {a.status}
              {a.errorType ? ` ${a.errorType}` : ""}
              {a.upstreamStatus !== null && a.upstreamStatus !== a.status ? ` (upstream ${a.upstreamStatus})` : ""} · {formatDuration(a.latencyMs)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
