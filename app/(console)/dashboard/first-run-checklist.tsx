"use client";
// The dashboard's path for an organization that cannot make a call yet: add a provider, test its
// connection, attach a model, then make a first call (the playground, or curl / the openai SDK with
// a key). Each step is ticked from what exists (providers and their last test, callable models), so
// the list is the state of the setup, not a tour to click through.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useSyncExternalStore, type ReactNode } from "react";
import { Card, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import { playgroundModelsQuery } from "@/lib/query/models";
import { providersQuery } from "@/lib/query/providers";

export interface FirstRunState {
  hasProvider: boolean;
  hasTestedProvider: boolean;
  callableModel: string | null;
}

/** The checklist shows while nothing is callable, or while the range is empty (the last step is then the one to do). */
export function useFirstRunState(canManage: boolean): { state: FirstRunState | null } {
  const models = useQuery(playgroundModelsQuery());
  // Only admins may list providers with their tests; for the others the model list says enough.
  const providers = useQuery({ ...providersQuery(), enabled: canManage });
  if (!models.data || (canManage && !providers.data)) return { state: null };
  const callableModel = models.data.data[0]?.name ?? null;
  const list = providers.data?.data ?? [];
  return {
    state: {
      hasProvider: callableModel !== null || list.length > 0,
      hasTestedProvider: callableModel !== null || list.some((provider) => provider.lastTest?.ok),
      callableModel,
    },
  };
}

function curlSnippet(origin: string, model: string): string {
  return `curl ${origin}/v1/chat/completions \\
  -H "Authorization: Bearer $TOLLGATE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "${model}", "messages": [{"role": "user", "content": "Hello"}]}'`;
}

function openAiSnippet(origin: string, model: string): string {
  return `import os
from openai import OpenAI

client = OpenAI(base_url="${origin}/v1", api_key=os.environ["TOLLGATE_API_KEY"])
reply = client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": "Hello"}])
print(reply.choices[0].message.content)`;
}

function Step({ index, done, current, title, children, testId }: { index: number; done: boolean; current: boolean; title: string; children: ReactNode; testId: string }) {
  return (
    <li className="flex gap-3" data-testid={testId} data-done={done || undefined}>
      <span
        aria-hidden
        className={cn(
          "mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold",
          done ? "bg-emerald-100 text-emerald-700" : current ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-500",
        )}
      >
        {done ? "✓" : index}
      </span>
      <div className="min-w-0 flex-1">
        <p className={cn("text-sm font-medium", done ? "text-slate-500" : "text-slate-900")}>
          {title}
          <span className="sr-only">{done ? " (done)" : " (to do)"}</span>
        </p>
        {!done && <div className="mt-1 text-sm text-slate-600">{children}</div>}
      </div>
    </li>
  );
}

function Snippet({ label, text, testId }: { label: string; text: string; testId: string }) {
  return (
    <div className="mt-2 overflow-hidden rounded-md border border-slate-200">
      <div className="flex items-center justify-between bg-slate-50 px-3 py-1 text-xs text-slate-500">
        {label}
        <CopyButton text={text} label={`Copy the ${label} example`} testId={`${testId}-copy`} />
      </div>
      <pre className="overflow-x-auto bg-white px-3 py-2 font-mono text-xs leading-relaxed text-slate-800" data-testid={testId}>
        {text}
      </pre>
    </div>
  );
}

const noSubscription = () => () => {};

/** The console's own origin (the gateway answers /v1 on it); a placeholder in the server's HTML, replaced on hydration. */
function useGatewayOrigin(): string {
  return useSyncExternalStore(noSubscription, () => window.location.origin, () => "https://your-tollgate");
}

const linkClass = "font-medium text-indigo-600 hover:text-indigo-500";

export function FirstRunChecklist({ state, canManage }: { state: FirstRunState; canManage: boolean }) {
  const origin = useGatewayOrigin();
  const steps = [state.hasProvider, state.hasTestedProvider, state.callableModel !== null];
  const current = steps.indexOf(false);
  const model = state.callableModel ?? "gpt-4o-mini";
  return (
    <Card data-testid="first-run">
      <CardHeader
        title={state.callableModel ? "Make your first call" : "Set up the gateway"}
        description={state.callableModel ? "Everything is in place: calls show up here within a few seconds." : "No model can be called yet. Four steps to the first call:"}
      />
      <ol className="space-y-4 p-4">
        <Step index={1} done={steps[0]} current={current === 0} title="Add a provider" testId="first-run-provider">
          {canManage ? (
            <>
              An upstream API and its key (OpenAI, Anthropic, Gemini or any OpenAI-compatible server) on the{" "}
              <Link href="/providers" className={linkClass}>
                Providers
              </Link>{" "}
              page.
            </>
          ) : (
            "An admin adds the upstream APIs the gateway calls."
          )}
        </Step>
        <Step index={2} done={steps[1]} current={current === 1} title="Test its connection" testId="first-run-test">
          {canManage ? (
            <>
              <strong>Test connection</strong> on the{" "}
              <Link href="/providers" className={linkClass}>
                Providers
              </Link>{" "}
              page lists the provider&apos;s models with its key, without spending anything.
            </>
          ) : (
            "An admin checks that the gateway reaches it."
          )}
        </Step>
        <Step index={3} done={steps[2]} current={current === 2} title="Attach a model" testId="first-run-model">
          {canManage ? (
            <>
              The price list has models without a provider: <strong>Attach provider</strong> on the{" "}
              <Link href="/models" className={linkClass}>
                Models
              </Link>{" "}
              page makes one callable (or add your own).
            </>
          ) : (
            "An admin attaches models to the provider; they then appear in the playground."
          )}
        </Step>
        <Step index={4} done={false} current={current === -1} title="Make a first call" testId="first-run-call">
          {state.callableModel ? (
            <>
              Try <code className="font-mono text-xs">{state.callableModel}</code> in the{" "}
              <Link href="/playground" className={linkClass}>
                playground
              </Link>
              , or create a key on the{" "}
              <Link href="/keys" className={linkClass}>
                Keys
              </Link>{" "}
              page and call the gateway like OpenAI:
              <Snippet label="curl" text={curlSnippet(origin, model)} testId="first-run-curl" />
              <Snippet label="Python (openai)" text={openAiSnippet(origin, model)} testId="first-run-openai" />
            </>
          ) : (
            "Once a model is attached: the playground, or any OpenAI client with a key from the Keys page."
          )}
        </Step>
      </ol>
    </Card>
  );
}
