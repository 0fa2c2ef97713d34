/**
 * Where to go after signing in: a path of this app from the `next` parameter, never another
 * site ("//evil.example" and "/\evil.example" are other sites to a browser).
 */
export function safeNext(search: string): string | null {
  const next = new URLSearchParams(search).get("next");
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return null;
  }
  return next;
}

export const signInPath = (next: string | null) =>
  next && next !== "/" ? `/signin?next=${encodeURIComponent(next)}` : "/signin";
