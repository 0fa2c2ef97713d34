import { labelFor } from "../labelFor";
import { isScalar } from "./resultShapes";

const numberFormat = new Intl.NumberFormat();

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number") return numberFormat.format(value);
  if (isScalar(value)) return String(value);
  // A group of counts, such as what a redaction found by type.
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => `${labelFor(key)}: ${show(inner)}`)
    .join(", ");
}

/** Named values (statistics, counts) as a two-column table. */
export function FactsTable({
  caption,
  facts,
}: {
  caption: string;
  facts: Record<string, unknown>;
}) {
  const entries = Object.entries(facts);
  if (entries.length === 0) return null;
  return (
    <table className="facts">
      <caption>{caption}</caption>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{labelFor(key)}</th>
            <td>{show(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
