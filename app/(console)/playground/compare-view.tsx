"use client";
import { useState } from "react";
import { MarkdownAnswer } from "@/components/markdown/markdown-answer";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Select, Textarea } from "@/components/ui/input";
import type { Model } from "@/lib/query/types";
import { AnswerMeta } from "./answer-meta";
import { useCompare } from "./use-compare";

/** One prompt, two or three models side by side, with tokens, cost, latency and TTFT under each answer. */
export function CompareView({ models, settings, canCall }: { models: Model[]; settings: { system?: string; temperature?: number; maxTokens?: number }; canCall: boolean }) {
  const [picked, setPicked] = useState<string[]>(() => [models[0]?.name ?? "", models[1]?.name ?? models[0]?.name ?? "", ""]);
  const [prompt, setPrompt] = useState("");
  const compare = useCompare();
  const chosen = picked.filter(Boolean);
  const canRun = canCall && chosen.length >= 2 && prompt.trim() !== "" && !compare.running;

  return (
    <div className="space-y-4" data-testid="compare-view">
      <Card>
        <CardBody className="space-y-3">
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            {picked.map((value, index) => (
              <Select
                key={index}
                aria-label={`Model ${index + 1}`}
                value={value}
                onChange={(event) => setPicked((current) => current.map((model, i) => (i === index ? event.target.value : model)))}
                data-testid={`compare-model-${index + 1}`}
              >
                {index === 2 && <option value="">No third model</option>}
                {models.map((model) => (
                  <option key={model.id} value={model.name}>{model.name}</option>
                ))}
              </Select>
            ))}
          </div>
          <label htmlFor="compare-prompt" className="sr-only">Prompt</label>
          <Textarea id="compare-prompt" rows={3} value={prompt} onChange={(event) => setPrompt(event.target.value)} placeholder="One prompt, sent to every model above" data-testid="compare-prompt" />
          <div className="flex items-center justify-end gap-2">
            {compare.running ? (
              <Button variant="danger" onClick={compare.stop}>Stop</Button>
            ) : (
              <Button variant="primary" disabled={!canRun} onClick={() => void compare.run(chosen, prompt.trim(), settings)} data-testid="compare-run">
                Compare
              </Button>
            )}
          </div>
        </CardBody>
      </Card>
      {compare.answers.length > 0 && (
        <div className={`grid grid-cols-1 gap-4 ${compare.answers.length === 3 ? "lg:grid-cols-3" : "md:grid-cols-2"}`}>
          {compare.answers.map((answer, index) => (
            <Card key={index} className="min-w-0" data-testid="compare-answer">
              <CardBody>
                <p className="mb-2 text-xs font-semibold text-slate-500" data-testid="compare-answer-model">{answer.model}</p>
                {answer.content ? (
                  <MarkdownAnswer text={answer.content} testId="compare-answer-content" />
                ) : answer.status === "streaming" ? (
                  <p className="text-sm text-slate-400">Waiting for the first token…</p>
                ) : null}
                {answer.status === "error" && <InlineAlert tone="error" className="mt-2">{answer.error}</InlineAlert>}
                {answer.summary && <AnswerMeta summary={answer.summary} />}
              </CardBody>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
