// Next.js calls register() once when a server instance starts. Background work that belongs to the
// server process starts here: the alert evaluator, usage retention, the cache warm-up runner and the batch runner. Only in the Node.js
// runtime (never in edge bundles), and not while `next build` prerenders pages. A failure here would
// stop the whole server from preparing, so it is logged and the app serves without that work instead.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const { startAlertEvaluator } = await import("./lib/alerts/alert-evaluator");
    startAlertEvaluator();
  } catch (error) {
    console.error("[tollgate] the alert evaluator could not start; alerts will not be evaluated on this process", error);
  }
  try {
    const { startUsageRetention } = await import("./lib/usage/retention/retention-scheduler");
    startUsageRetention();
  } catch (error) {
    console.error("[tollgate] usage retention could not start; raw usage records are not removed by this process", error);
  }
  try {
    const { startWarmupRunner } = await import("./lib/cache-warmup/warmup-runner-slot");
    startWarmupRunner();
  } catch (error) {
    console.error("[tollgate] the cache warm-up runner could not start; warm-up jobs wait for another process", error);
  }
  try {
    const { startBatchRunner } = await import("./lib/batches/batch-runner-slot");
    startBatchRunner();
  } catch (error) {
    console.error("[tollgate] the batch runner could not start; batches wait for another process", error);
  }
}
