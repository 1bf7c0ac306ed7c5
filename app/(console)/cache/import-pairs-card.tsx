"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Input, Select, Textarea } from "@/components/ui/input";
import { parseCachePairs } from "@/lib/cache-warmup/parse-cache-pairs";
import { formatNumber } from "@/lib/charts/format";
import { keysQuery } from "@/lib/query/keys";
import { playgroundModelsQuery } from "@/lib/query/models";
import type { Team } from "@/lib/query/types";
import { cacheSettingsQuery } from "./cache-api";
import { usePairImport } from "./use-pair-import";
import { LineErrors } from "./warmup-estimate-view";
import { WarmupProgress } from "./warmup-status";

/** FAQ-style content straight into the cache: question–answer pairs, no upstream call. */
export function ImportPairsCard({ teams }: { teams: Team[] }) {
  const models = useQuery(playgroundModelsQuery());
  const settings = useQuery(cacheSettingsQuery());
  // Entries live in a namespace: the settings say whether a pair needs a team, a key, or nothing.
  const namespace = settings.data?.namespace ?? "team";
  const keys = useQuery({ ...keysQuery({ status: "active" }), enabled: namespace === "key" });
  const [keyId, setKeyId] = useState("");
  const [text, setText] = useState("");
  const [format, setFormat] = useState<"csv" | "jsonl">("csv");
  const [model, setModel] = useState("");
  const [teamId, setTeamId] = useState("");
  const { state, run, reset } = usePairImport();
  const parsed = useMemo(() => (text.trim() ? parseCachePairs(format, text) : null), [format, text]);
  const finished = !state.running && state.total > 0;

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    reset();
    setText(await file.text());
    setFormat(/\.(jsonl|ndjson)$/i.test(file.name) ? "jsonl" : "csv");
  };

  return (
    <Card data-testid="import-pairs">
      <CardHeader title="Import question–answer pairs" description="Stored as cache entries without calling the upstream: for FAQ-style answers you already have." />
      <div className="space-y-4 p-4">
        <Field id="pairs-text" label="Pairs" hint='CSV with "question" and "answer" columns, or JSONL lines like {"question": "…", "answer": "…"}.'>
          {(control) => (
            <Textarea
              {...control}
              rows={4}
              value={text}
              placeholder={'question,answer\n"How do I reset my password?","Use the link on the sign-in page."'}
              onChange={(event) => {
                reset();
                setText(event.target.value);
              }}
            />
          )}
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field id="pairs-file" label="Upload a file" optional>
            {(control) => <Input {...control} type="file" accept=".csv,.jsonl,.ndjson,text/csv" className="py-1.5 file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1 file:text-xs file:font-medium" onChange={(event) => void readFile(event.target.files?.[0])} />}
          </Field>
          <Field id="pairs-format" label="Format">
            {(control) => (
              <Select {...control} value={format} onChange={(event) => setFormat(event.target.value as "csv" | "jsonl")}>
                <option value="csv">CSV</option>
                <option value="jsonl">JSONL</option>
              </Select>
            )}
          </Field>
          <Field id="pairs-model" label="Model">
            {(control) => (
              <Select {...control} value={model} onChange={(event) => setModel(event.target.value)}>
                <option value="">Choose a model</option>
                {models.data?.data.map((m) => (
                  <option key={m.id} value={m.name}>
                    {m.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          {namespace === "team" && (
            <Field id="pairs-team" label="Team" hint="Entries are shared within a team: whose answers these are.">
              {(control) => (
                <Select {...control} value={teamId} onChange={(event) => setTeamId(event.target.value)} data-testid="pairs-team">
                  <option value="">Choose a team</option>
                  {teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
          {namespace === "key" && (
            <Field id="pairs-key" label="Key" hint="Entries are kept per key: whose answers these are.">
              {(control) => (
                <Select {...control} value={keyId} onChange={(event) => setKeyId(event.target.value)}>
                  <option value="">Choose a key</option>
                  {keys.data?.data.map((key) => (
                    <option key={key.id} value={key.id}>
                      {key.name} ({key.prefix}…)
                    </option>
                  ))}
                </Select>
              )}
            </Field>
          )}
        </div>
        {parsed && !state.running && !finished && <LineErrors errors={parsed.errors.slice(0, 100)} errorCount={parsed.errors.length} testId="pairs-line-errors" />}
        {state.total > 0 && (
          <div className="space-y-2" data-testid="pairs-progress">
            <WarmupProgress job={{ total: state.total, done: state.imported, failed: state.failures.length, skipped: 0 }} />
            {finished && (
              <InlineAlert tone={state.failures.length ? "warning" : "info"}>
                Imported {formatNumber(state.imported)} of {formatNumber(state.total)} pairs.
              </InlineAlert>
            )}
            <LineErrors errors={state.failures} errorCount={state.failures.length} testId="pairs-failures" />
          </div>
        )}
        <div className="flex justify-end">
          <Button
            variant="primary"
            disabled={!parsed || parsed.pairs.length === 0 || !model || state.running || (namespace === "team" && !teamId) || (namespace === "key" && !keyId)}
            pending={state.running}
            onClick={() => parsed && void run(parsed.pairs, { model, ...(namespace === "team" ? { teamId } : {}), ...(namespace === "key" ? { keyId } : {}) })}
            data-testid="pairs-import"
          >
            Import {parsed ? formatNumber(parsed.pairs.length) : ""} {parsed?.pairs.length === 1 ? "pair" : "pairs"}
          </Button>
        </div>
      </div>
    </Card>
  );
}
