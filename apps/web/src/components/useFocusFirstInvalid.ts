import { useEffect, type RefObject } from "react";

/** After a refused submit, puts the focus on the first field marked invalid, where its error is read. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: unknown) {
  useEffect(() => {
    if (!error) return;
    form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [form, error]);
}
