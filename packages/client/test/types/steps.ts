/*
 * Type tests, checked by `pnpm --filter @transmute/client typecheck` (never run): a step is a
 * union discriminated by `kind`, each with its own parameters, so mistakes fail to compile.
 */
import type { RouterInputs } from "../../src";

type Steps = RouterInputs["transformation"]["create"]["steps"];

export const valid: Steps = [
  { kind: "summarize", params: { sentences: 2 } },
  { kind: "markdown-to-html" },
  { kind: "social-thread", params: { platform: "mastodon" } },
];

// @ts-expect-error a misspelt kind
export const misspelt: Steps = [{ kind: "sumarize", params: {} }];

// @ts-expect-error a parameter of the wrong type
export const wrongType: Steps = [{ kind: "summarize", params: { sentences: "two" } }];

// @ts-expect-error a parameter the kind does not have
export const unknownParam: Steps = [{ kind: "summarize", params: { sentense: 2 } }];

// @ts-expect-error another kind's parameter
export const otherKindsParam: Steps = [{ kind: "stats", params: { sentences: 2 } }];
