"use client";
// Every deployment's health: a table on wide screens, one card per deployment on phones. Calls,
// errors and latencies are the deployment's upstream attempts over the window (retried ones too);
// "in flight" is right now, over every replica.
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { formatDuration, formatNumber, formatPercent } from "@/lib/charts/format";
import type { DeploymentHealth } from "@/lib/routing/health-schemas";
import type { DeploymentAdminState } from "@/lib/routing/types";
import { HealthState } from "./health-state";

export interface HealthActions {
  canEdit: boolean;
  /** the deployment a state change or restore is pending for */
  pendingId: string | null;
  onSetState: (row: DeploymentHealth, state: DeploymentAdminState) => void;
  /** ends an ejection now and resets the circuit breaker on every replica */
  onRestore: (row: DeploymentHealth) => void;
}

const pair = (a: number | null, b: number | null) => (a === null && b === null ? "—" : `${formatDuration(a)} / ${formatDuration(b)}`);

function Name({ row }: { row: DeploymentHealth }) {
  return (
    <div className="min-w-0">
      <p className="truncate font-mono text-xs font-medium text-slate-900">{row.model}</p>
      <p className="truncate text-xs text-slate-500">
        {row.provider} · <span className="font-mono">{row.upstreamModel}</span>
      </p>
    </div>
  );
}

function InFlight({ row }: { row: DeploymentHealth }) {
  return (
    <span className={row.inFlight > 0 ? "font-medium text-slate-900" : "text-slate-400"} data-testid="health-in-flight">
      {formatNumber(row.inFlight)}
    </span>
  );
}

function ErrorRate({ row }: { row: DeploymentHealth }) {
  if (row.calls === 0) return <span className="text-slate-400">—</span>;
  const tone = row.errorRate >= 0.5 ? "text-red-700" : row.errorRate > 0 ? "text-amber-700" : "text-slate-700";
  return (
    <span className={tone} data-testid="health-error-rate">
      {formatPercent(row.errorRate)} <span className="text-slate-400">({formatNumber(row.errors)})</span>
    </span>
  );
}

function LastError({ row }: { row: DeploymentHealth }) {
  if (!row.lastError) return <span className="text-slate-400">—</span>;
  return (
    <div className="max-w-72 min-w-0 text-xs">
      {row.lastErrorAt && (
        <p className="text-slate-500">
          <LocalTime iso={row.lastErrorAt} withTime />
        </p>
      )}
      <p className="line-clamp-2 break-words text-slate-700" title={row.lastError} data-testid="health-last-error">
        {row.lastError}
      </p>
    </div>
  );
}

function StateButtons({ row, actions }: { row: DeploymentHealth; actions: HealthActions }) {
  if (!actions.canEdit) return null;
  const pending = actions.pendingId === row.id;
  const target = (state: DeploymentAdminState, label: string, className?: string) => (
    <Button size="sm" variant="ghost" className={className} disabled={pending} onClick={() => actions.onSetState(row, state)} aria-label={`${label} ${row.provider} / ${row.upstreamModel} of ${row.model}`} data-testid={`health-${state}`}>
      {label}
    </Button>
  );
  const label = `${row.provider} / ${row.upstreamModel} of ${row.model}`;
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {(row.state === "ejected" || row.state === "half-open") && (
        <Button
          size="sm"
          variant="ghost"
          className="text-emerald-700 hover:text-emerald-800"
          disabled={pending}
          onClick={() => actions.onRestore(row)}
          aria-label={`Restore ${label}`}
          title="End the ejection now and reset the circuit breaker on every replica"
          data-testid="health-restore"
        >
          Restore
        </Button>
      )}
      {row.adminState !== "active" && target("active", "Activate")}
      {row.adminState === "active" && target("draining", "Drain")}
      {row.adminState !== "disabled" && target("disabled", "Disable", "text-red-600 hover:text-red-700")}
    </div>
  );
}

export function DeploymentHealthList({ rows, now, actions }: { rows: DeploymentHealth[]; now: number | null; actions: HealthActions }) {
  return (
    <>
      <div className="hidden md:block">
        <Table data-testid="health-table">
          <THead>
            <Tr>
              <Th>Deployment</Th>
              <Th>State</Th>
              <Th className="text-right">Calls</Th>
              <Th className="text-right" title="Calls running on it right now, over every replica">
                In flight
              </Th>
              <Th className="text-right">Errors</Th>
              <Th className="text-right">Latency p50 / p95</Th>
              <Th className="text-right">TTFT p50 / p95</Th>
              <Th>Last error</Th>
              {actions.canEdit && <Th className="sr-only">Actions</Th>}
            </Tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <Tr key={row.id} data-testid="health-row" data-deployment-id={row.id}>
                <Td className="max-w-64">
                  <Name row={row} />
                </Td>
                <Td>
                  <HealthState row={row} now={now} />
                </Td>
                <Td className="text-right tabular-nums" data-testid="health-calls">
                  {formatNumber(row.calls)}
                </Td>
                <Td className="text-right tabular-nums">
                  <InFlight row={row} />
                </Td>
                <Td className="text-right tabular-nums">
                  <ErrorRate row={row} />
                </Td>
                <Td className="text-right whitespace-nowrap tabular-nums">{pair(row.latencyP50Ms, row.latencyP95Ms)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">{pair(row.ttftP50Ms, row.ttftP95Ms)}</Td>
                <Td>
                  <LastError row={row} />
                </Td>
                {actions.canEdit && (
                  <Td className="text-right">
                    <StateButtons row={row} actions={actions} />
                  </Td>
                )}
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
      <ul className="divide-y divide-slate-100 md:hidden" data-testid="health-cards">
        {rows.map((row) => (
          <li key={row.id} className="space-y-2 px-4 py-3" data-testid="health-card" data-deployment-id={row.id}>
            <div className="flex items-start justify-between gap-3">
              <Name row={row} />
              <HealthState row={row} now={now} />
            </div>
            <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
              <dt className="text-slate-500">Calls</dt>
              <dd className="text-right tabular-nums">{formatNumber(row.calls)}</dd>
              <dt className="text-slate-500">In flight now</dt>
              <dd className="text-right tabular-nums">
                <InFlight row={row} />
              </dd>
              <dt className="text-slate-500">Errors</dt>
              <dd className="text-right tabular-nums">
                <ErrorRate row={row} />
              </dd>
              <dt className="text-slate-500">Latency p50 / p95</dt>
              <dd className="text-right tabular-nums">{pair(row.latencyP50Ms, row.latencyP95Ms)}</dd>
              <dt className="text-slate-500">TTFT p50 / p95</dt>
              <dd className="text-right tabular-nums">{pair(row.ttftP50Ms, row.ttftP95Ms)}</dd>
            </dl>
            {/* On a card a bare "—" under the figures reads as a stray mark: the last error only when there is one. */}
            {row.lastError && <LastError row={row} />}
            <StateButtons row={row} actions={actions} />
          </li>
        ))}
      </ul>
    </>
  );
}
