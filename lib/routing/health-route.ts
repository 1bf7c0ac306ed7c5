import { withAdminRoute } from "../http/admin-route";
import { listDeploymentHealth, listEjections } from "./health-report";
import { deploymentHealthQuerySchema, ejectionQuerySchema } from "./health-schemas";

// GET /api/admin/health/deployments – every deployment's state, calls, error rate, latency and last error over the window
export const GET_DEPLOYMENTS = withAdminRoute({
  querySchema: deploymentHealthQuerySchema,
  fn: ({ principal, query }) => listDeploymentHealth({ orgId: principal.orgId, query }),
});

// GET /api/admin/health/ejections – the circuit breaker's ejections, newest first
export const GET_EJECTIONS = withAdminRoute({
  querySchema: ejectionQuerySchema,
  fn: ({ principal, query }) => listEjections({ orgId: principal.orgId, query }),
});
