// Every delivery attempt of one alert, shown when its history row is expanded.
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/ui/local-time";
import type { AlertDelivery } from "@/lib/alerts/schemas";

const CHANNEL_LABELS = { webhook: "Webhook", slack: "Slack", email: "E-mail" } as const;

export function AlertDeliveries({ deliveries }: { deliveries: AlertDelivery[] }) {
  if (deliveries.length === 0) return <p className="text-sm text-slate-500">No delivery attempt yet.</p>;
  return (
    <table className="w-full table-fixed text-xs" data-testid="alert-deliveries">
      <colgroup>
        <col className="w-20" />
        <col />
        <col className="w-16" />
        <col className="w-20" />
        <col />
        <col className="w-32" />
      </colgroup>
      <thead>
        <tr className="text-left text-slate-500">
          <th className="py-1 pr-3 font-medium">Channel</th>
          <th className="py-1 pr-3 font-medium">Target</th>
          <th className="py-1 pr-3 font-medium">Attempt</th>
          <th className="py-1 pr-3 font-medium">Result</th>
          <th className="py-1 pr-3 font-medium">Detail</th>
          <th className="py-1 font-medium">At</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {deliveries.map((delivery) => (
          <tr key={delivery.id} data-testid="alert-delivery">
            <td className="py-1.5 pr-3 whitespace-nowrap">{CHANNEL_LABELS[delivery.channelType]}</td>
            <td className="truncate py-1.5 pr-3 font-mono" title={delivery.target}>
              {delivery.target}
            </td>
            <td className="py-1.5 pr-3 tabular-nums">{delivery.attempt}</td>
            <td className="py-1.5 pr-3">
              <Badge tone={delivery.status === "success" ? "green" : "red"}>{delivery.status === "success" ? "Sent" : "Failed"}</Badge>
            </td>
            <td className="py-1.5 pr-3 break-words text-slate-600">
              {delivery.httpStatus !== null && <span className="mr-1 font-mono">HTTP {delivery.httpStatus}</span>}
              {delivery.status === "failed" && delivery.error && !delivery.error.startsWith(`HTTP ${delivery.httpStatus}`) ? delivery.error : null}
            </td>
            <td className="py-1.5 whitespace-nowrap text-slate-500"><LocalTime iso={delivery.createdAt} withTime /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
