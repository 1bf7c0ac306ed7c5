"use client";
// A warning across the console when any of the signed-in user's limits is near (>= 80 %) or used
// up: what, whose, how much and when it resets, with a link to the full picture ("My limits").
// Polls once a minute; shows nothing for the admin API key or while the figures load.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { LocalTime } from "@/components/ui/local-time";
import { myLimitsQuery } from "@/lib/query/limits";
import { nearLimitMessages } from "@/lib/quotas/limits-display";

const SHOWN = 3;

export function LimitsBanner() {
  const limits = useQuery({ ...myLimitsQuery(), retry: false });
  if (!limits.data || limits.data.near.length === 0) return null;
  const messages = nearLimitMessages(limits.data);
  const exhausted = limits.data.near.some((n) => n.ratio >= 1);
  return (
    <div
      role="status"
      data-testid="limits-banner"
      className={exhausted ? "mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-600/20 ring-inset" : "mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/30 ring-inset"}
    >
      <p className="font-medium">{exhausted ? "A limit of yours is used up: calls it covers are refused until it resets." : "You are close to a limit."}</p>
      <ul className="mt-1 list-disc pl-5">
        {messages.slice(0, SHOWN).map((message) => (
          <li key={`${message.text}|${message.resetsAt}`}>
            {message.text}
            {message.resetsAt && (
              <>
                , resets <LocalTime iso={message.resetsAt} withTime />
              </>
            )}
          </li>
        ))}
      </ul>
      <p className="mt-1">
        {messages.length > SHOWN ? `${messages.length - SHOWN} more. ` : ""}
        <Link href="/keys#my-limits" className="font-medium underline">
          See all your limits
        </Link>
      </p>
    </div>
  );
}
