import { auditAdminChange } from "../audit/audit-admin-change";
import { withAdminRoute } from "../http/admin-route";
import { listDeploymentHealth, listEjections } from "./health-report";
import { restoreDeployment } from "./health-restore";
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

// POST /api/admin/deployments/{id}/restore – end the deployment's ejection now and reset its circuit breaker on every replica
export const POST_RESTORE = withAdminRoute({
  roles: ["admin"],
  fn: async (context) => {
    const { principal, params } = context;
    const result = await restoreDeployment({ orgId: principal.orgId, id: params.id });
    await auditAdminChange(context, {
      action: "deployment.restore",
      targetType: "deployment",
      targetId: result.id,
      before: { state: result.previousState, ejectedUntil: result.previousEjectedUntil },
      after: { state: result.state },
    });
    return result;
  },
});
