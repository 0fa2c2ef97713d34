import { useEffect, useState } from "react";
import { useSearchParams } from "wouter";
import { useDebouncedValue } from "../useDebouncedValue";

/**
 * A text filter kept in the address (?q=…), so a search can be linked to and the back button
 * undoes it. Typing updates the address once per pause, replacing the entry rather than adding
 * one per keystroke; when the address changes by itself (back, a tag link), the field follows.
 */
function useUrlText(name: string, accept: (value: string) => boolean = () => true) {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const [draft, setDraft] = useState(value);
  const settled = useDebouncedValue(draft.trim(), 300);
  const acceptable = settled === "" || accept(settled);

  useEffect(() => {
    if (settled === value || !acceptable) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (settled) next.set(name, settled);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
    // Only a settled draft goes to the address; the address coming back is not a new draft.
  }, [settled, acceptable]);

  useEffect(() => {
    setDraft((current) => (current.trim() === value ? current : value));
  }, [value]);

  return { value, draft, setDraft };
}

/**
 * The documents list's search words and tag. The tag filters only once it names one of
 * `knownTags`: a half-typed tag would empty the list while its suggestions are being read.
 */
export function useUrlFilters(knownTags: readonly string[]) {
  const [, setParams] = useSearchParams();
  const query = useUrlText("q");
  const tag = useUrlText("tag", (value) => knownTags.includes(value));
  return {
    query,
    tag,
    active: query.value !== "" || tag.value !== "",
    clear: () => setParams({}),
  };
}
