/**
 * Loads a heavy dependency on first use and keeps it. The API process imports the catalogue only
 * to list kinds and validate parameters; loading every NLP lexicon, language model and SDK there
 * would cost it about 150 MB and most of a second at start-up. A failed load is tried again.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    }));
}
