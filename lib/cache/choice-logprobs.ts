// A choice's log probabilities as OpenAI sends them: `{ content: [token…] | null, refusal: [token…] |
// null }`, or null when the request did not ask for them. A JSON answer carries them whole on the
// choice; a stream carries, on each content (or refusal) chunk, the tokens of that chunk. The cache
// stores the whole form and replays it split over the chunks, so a hit looks like the live answer.

export interface TokenLogprob {
  token: string;
  [extra: string]: unknown;
}

export interface ChoiceLogprobs {
  content: TokenLogprob[] | null;
  refusal: TokenLogprob[] | null;
}

function tokens(value: unknown): TokenLogprob[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((item): item is TokenLogprob => typeof item === "object" && item !== null && typeof (item as TokenLogprob).token === "string");
}

/** The choice's log probabilities, or null when it has none (not asked for, or not in OpenAI's form). */
export function readChoiceLogprobs(value: unknown): ChoiceLogprobs | null {
  if (typeof value !== "object" || value === null) return null;
  const record = value as Record<string, unknown>;
  return { content: tokens(record.content), refusal: tokens(record.refusal) };
}

/** Appends a stream chunk's log probabilities to those gathered so far (null until one carries some). */
export function appendChoiceLogprobs(gathered: ChoiceLogprobs | null, chunkLogprobs: unknown): ChoiceLogprobs | null {
  const next = readChoiceLogprobs(chunkLogprobs);
  if (!next) return gathered;
  const joined = gathered ?? { content: null, refusal: null };
  if (next.content) joined.content = [...(joined.content ?? []), ...next.content];
  if (next.refusal) joined.refusal = [...(joined.refusal ?? []), ...next.refusal];
  return joined;
}
