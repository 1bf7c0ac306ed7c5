// Admission on the proxy's hot path: before a call goes upstream, reserve one call plus its worst
// case (tokens, cost) against every applicable quota and count it in every rate window — one atomic
// store operation, all or nothing. A caller nothing governs costs no store round-trip at all.
import { env } from "../env";
import { sharedStore, type AdmitRequest, type AdmitResult, type GovernanceStore } from "../store";
import { decide, type AdmissionResult, type AdmitCallInput } from "./admission-decision";
import { governanceNow } from "./clock";
import { admitDegraded } from "./degraded-admission";
import type { CallEstimate } from "./estimate";
import { planFor, planNow, windowSpecs, type GovernancePlan } from "./governance-plan";
import { governanceRules } from "./governance-rules";
import { UNGOVERNED } from "./live-admission";
import { seedMissingCounters } from "./seed-counters";
import { callTraces, NO_SPAN } from "../tracing/call-traces";

export type { AdmissionResult, AdmitCallInput } from "./admission-decision";
export type { Admission } from "./live-admission";

/** A hold outlives the longest upstream call by this margin before a crashed process's hold lapses. */
export const HOLD_MARGIN_MS = 30_000;

const MAX_SEED_ROUNDS = 3;

async function admitWithSeeds(store: GovernanceStore, request: AdmitRequest, plan: GovernancePlan, orgId: string): Promise<AdmitResult> {
  for (let round = 0; ; round++) {
    const result = await store.admit(request);
    if (result.outcome !== "unseeded") return result;
    if (round === MAX_SEED_ROUNDS) throw new Error(`quota counters stay unseeded: ${result.missing.join(", ")}`);
    await seedMissingCounters(plan.counters, result.missing, orgId, request.now);
  }
}

/** Admits the call (below); a traced call gets a span for it (lib/tracing). */
export function admitCall(input: AdmitCallInput): Promise<AdmissionResult> {
  const traces = callTraces();
  const span = traces ? traces.child(input.requestId) : NO_SPAN;
  if (span === NO_SPAN) return admit(input);
  return admit(input).then(
    (result) => {
      traces!.endAdmission(span, result.refusal ? "refused" : result.admission === UNGOVERNED ? "ungoverned" : "admitted", result.refusal ? result.refusal.status : null);
      return result;
    },
    (error: unknown) => {
      traces!.endAdmissionFailed(span, error);
      throw error;
    },
  );
}

const NOTHING_ASKED: CallEstimate = Object.freeze({ tokens: 0, cost: 0 });

async function admit(input: AdmitCallInput): Promise<AdmissionResult> {
  const now = governanceNow();
  // The loaded rules, the caller's cached plan and an in-process store need no promise: on the warm
  // path only the estimate (a token count) is awaited.
  const rules = governanceRules();
  const table = rules.currentNow() ?? (await rules.current());
  const known = planNow(table, input.principal, now);
  const plan = known !== undefined ? known : await planFor(table, input.principal, now);
  if (!plan) return { admission: UNGOVERNED };
  // A call-only admission (an answer from the response cache) asks for one call and nothing else:
  // token and cost limits do not apply to it, so an exhausted token budget does not refuse it.
  const callOnly = input.callOnly === true;
  const estimate = plan.needsEstimate && !callOnly ? await input.estimate() : NOTHING_ASKED;
  const request: AdmitRequest = {
    id: input.requestId,
    now,
    holdMs: env().GATEWAY_UPSTREAM_TIMEOUT_MS + HOLD_MARGIN_MS,
    ask: { calls: 1, tokens: estimate.tokens, cost: estimate.cost },
    counters: callOnly ? plan.counters.map((c) => ({ ...c.spec, limits: { ...c.spec.limits, tokens: null, cost: null } })) : plan.counters.map((c) => c.spec),
    windows: plan.windows.length === 0 ? [] : windowSpecs(plan, estimate.tokens),
  };
  const store = sharedStore();
  let result: AdmitResult | undefined;
  try {
    // A counter missing from the in-process store (a new period, a fresh process) is seeded from the
    // ledger on the asynchronous path, which then asks again.
    result = store.syncGovernance?.admitNow(request);
    if (result === undefined || result.outcome === "unseeded") result = await admitWithSeeds(store, request, plan, input.principal.orgId);
  } catch (error) {
    return admitDegraded({ error, input, plan, request });
  }
  return decide(result, { store, input, plan, request });
}
