import { errorMessage, inputIssues } from "../errors";
import { labelFor } from "../labelFor";

export interface StepIssues {
  /** The server's objection to a step's parameter, shown under that parameter. */
  param(step: number, name: string): string | undefined;
  /** Everything else, for the top of the form; null when there is nothing. */
  rest: string | null;
}

// The catalogue checks the steps on their own ("0.params.terms.1"); the router's input schema
// checks them inside the input ("steps.0.params").
const PARAM_PATH = /^(?:steps\.)?(\d+)\.params\.([^.]+)/;

/** Places a refused transformation's issues under the parameters of the steps they concern. */
export function stepIssues(error: unknown): StepIssues {
  if (!error) return { param: () => undefined, rest: null };
  const issues = inputIssues(error);
  if (issues.length === 0) return { param: () => undefined, rest: errorMessage(error) };
  const placed = new Map<string, string[]>();
  const rest: string[] = [];
  for (const issue of issues) {
    const match = PARAM_PATH.exec(issue.path);
    if (match) {
      const key = `${match[1]}:${match[2]}`;
      placed.set(key, [...(placed.get(key) ?? []), issue.message]);
    } else {
      const step = /^(?:steps\.)?(\d+)(?:\.|$)/.exec(issue.path);
      rest.push(
        step
          ? `Step ${Number(step[1]) + 1}: ${issue.message}`
          : issue.path
            ? `${labelFor(issue.path)}: ${issue.message}`
            : issue.message,
      );
    }
  }
  return {
    param: (step, name) => placed.get(`${step}:${name}`)?.join(" "),
    rest: rest.length > 0 ? rest.join(" ") : null,
  };
}
