import { createTransmuteClient, type TransmuteClient } from "@transmute/client";
import { authError, describeError } from "./errors";
import type { Config } from "./config";

type Session = Extract<NonNullable<Config["credentials"]>, { type: "session" }>;

/** Renew the access token when it has less than this left, so no request meets an expired one. */
const RENEW_BEFORE_MS = 30_000;

/**
 * A client that signs its requests with, in order: TRANSMUTE_API_KEY, the key saved by
 * `use-key`, or the session saved by `login` (renewing its access token with the refresh token
 * as it runs out, and saving the new pair, since the old refresh token is then spent).
 */
export function authenticatedClient(
  url: string,
  config: Config,
  save: (config: Config) => Promise<void>,
  env: NodeJS.ProcessEnv = process.env,
): TransmuteClient {
  if (env.TRANSMUTE_API_KEY) return createTransmuteClient({ url, apiKey: env.TRANSMUTE_API_KEY });
  const credentials = config.credentials;
  if (!credentials) {
    throw authError("Not signed in: run `transmute login` or `transmute use-key <key>`");
  }
  if (credentials.type === "key") return createTransmuteClient({ url, apiKey: credentials.key });

  let session: Session = credentials;
  let renewing: Promise<string> | undefined;
  const renew = async () => {
    const tokens = await createTransmuteClient({ url })
      .auth.refresh.mutate({ refreshToken: session.refreshToken })
      .catch((error: unknown) => {
        throw authError(
          `Your session has ended (${describeError(error).message}); run \`transmute login\` again`,
        );
      });
    session = {
      ...session,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
    };
    await save({ ...config, credentials: session });
    return session.accessToken;
  };
  return createTransmuteClient({
    url,
    getAccessToken: () => {
      if (Date.parse(session.accessTokenExpiresAt) - Date.now() > RENEW_BEFORE_MS) {
        return session.accessToken;
      }
      // Calls made together share one renewal: a refresh token works once.
      renewing ??= renew().finally(() => (renewing = undefined));
      return renewing;
    },
  });
}
