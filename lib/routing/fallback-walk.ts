// The fallback walk: once every deployment of a call's model failed (or none could take it), each
// fallback model (`fallbackModels`, in order) gets one attempt on a deployment its own strategy
// picks. Never on the path of a call its first deployment serves: the fallbacks are not even
// resolved until then.
import { chooseDeployment } from "./deployment-choice";
import { routingMetrics } from "./routing-metrics";
import type { Chosen, RoutedCall, RouterState, Unavailable } from "./route-call-types";
import type { RoutableDeployment } from "./types";

/** The call a fallback model served, or null when none could (the caller answers with the failure). */
export async function walkFallbacks<D extends RoutableDeployment, T>(router: RouterState<D, T>, unavailable: Unavailable | null): Promise<RoutedCall<D, T> | null> {
  // Only after an attempt failed, or when no deployment of the primary could take the call.
  if (router.attemptCount === 0 && !unavailable) return null;
  const { primary } = router.options;
  for (const fallback of await router.options.fallbacks()) {
    const choice = await chooseDeployment(router, fallback, false);
    if ("none" in choice) continue;
    router.fallbacksTried.push(fallback.name);
    const served = await router.tryOnce(fallback, choice as Chosen<D>);
    if (served) {
      routingMetrics().fellBack(primary.name, fallback.name);
      return served;
    }
  }
  return null;
}
