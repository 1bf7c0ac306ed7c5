// A process that runs cache warm-up jobs and nothing else, for the test that kills a runner mid-job
// (SIGKILL: no shutdown, no lease handed back) and checks that another process resumes the job
// without sending any item twice. Configured by its environment (DATABASE_URL, TOLLGATE_SECRET,
// WARMUP_LEASE_MS, WARMUP_ORG_ID); prints `{"runnerId":"…"}` once polling. Run with `npx tsx test/support/warmup-runner-process.ts`.
import { WarmupRunner } from "@/lib/cache-warmup/warmup-runner";

const runner = new WarmupRunner({ pollIntervalMs: 100, leaseMs: Number(process.env.WARMUP_LEASE_MS ?? 1000), orgId: process.env.WARMUP_ORG_ID || undefined });
runner.start();
console.log(JSON.stringify({ runnerId: runner.runnerId }));
