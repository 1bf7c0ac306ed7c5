// The entries of the model table (catalog.ts): a routable model with its deployments' upstream
// targets and prices, and an auto router. Apart from the table so that what reads entries
// (routing steps, probes, cost estimates) need not import the table that starts the probes.
import type { RouterConfig } from "../routing/auto-router";
import type { RoutableDeployment, RoutableModel, RoutePrice } from "../routing/types";
import type { ProviderKind, UpstreamTarget } from "./types";

export interface CatalogDeployment extends RoutableDeployment {
  kind: ProviderKind;
  target: UpstreamTarget;
}

export interface CatalogModel extends RoutableModel<CatalogDeployment> {
  orgId: string;
  /** the first deployment's target: what a caller that does not route (the cache's embedder) uses */
  target: UpstreamTarget;
  /** the model's own prices */
  price: RoutePrice;
  /** the highest prices any deployment of it charges: quota reservations hold the worst case */
  worstPrice: RoutePrice;
  maxOutputTokens: number | null;
  /** per-attempt upstream timeout */
  timeoutMs: number;
}

/** An auto router: a public name that picks one of its candidate models per request (lib/routing/auto-router.ts). */
export interface CatalogRouter {
  modelId: string;
  name: string;
  orgId: string;
  router: RouterConfig;
}
