import type { Session } from "./session";

const withBearer = (init: RequestInit | undefined, token: string | null): RequestInit => {
  const headers = new Headers(init?.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return { ...init, headers };
};

/**
 * The fetch under the tRPC link: sends the access token, renewing it first when it is about to
 * expire, and once more when the server still refuses it (clock skew, a rotated secret). A batch
 * whose calls were all refused comes back as 401; one with mixed results (207) is left alone.
 */
export function createAuthFetch(session: Session): typeof fetch {
  return async (input, init) => {
    const token = await session.accessToken();
    const response = await fetch(input, withBearer(init, token));
    if (response.status !== 401 || token === null) return response;
    const renewed = await session.renewAfterRejection(token);
    return renewed ? fetch(input, withBearer(init, renewed)) : response;
  };
}
