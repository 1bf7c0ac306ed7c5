// Next.js calls register() once when a server instance starts. Background work that belongs to the
// server process starts here: the alert evaluator, usage retention, the cache warm-up runner and the batch runner. Only in the Node.js
// runtime (never in edge bundles), and not while `next build` prerenders pages. A failure here would
// stop the whole server from preparing, so it is logged and the app serves without that work instead.
/** Through the server's logger, loaded only here: this file is also compiled for the edge runtime. */
async function logStartFailure(message: string, error: unknown): Promise<void> {
  const { logger } = await import("./lib/logger");
  logger().error({ err: error }, message);
}

export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const { startAlertEvaluator } = await import("./lib/alerts/alert-evaluator");
    startAlertEvaluator();
  } catch (error) {
    await logStartFailure("the alert evaluator could not start; alerts will not be evaluated on this process", error);
  }
  try {
    const { startUsageRetention } = await import("./lib/usage/retention/retention-scheduler");
    startUsageRetention();
  } catch (error) {
    await logStartFailure("usage retention could not start; raw usage records are not removed by this process", error);
  }
  try {
    const { startWarmupRunner } = await import("./lib/cache-warmup/warmup-runner-slot");
    startWarmupRunner();
  } catch (error) {
    await logStartFailure("the cache warm-up runner could not start; warm-up jobs wait for another process", error);
  }
  try {
    const { startBatchRunner } = await import("./lib/batches/batch-runner-slot");
    startBatchRunner();
  } catch (error) {
    await logStartFailure("the batch runner could not start; batches wait for another process", error);
  }
}
