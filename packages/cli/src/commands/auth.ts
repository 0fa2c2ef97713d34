import { createTransmuteClient } from "@transmute/client";
import type { Command } from "commander";
import { createContext, type GlobalOptions } from "../context";
import { usageError } from "../errors";
import { print } from "../output";
import { ask, readStdin } from "../prompt";

export function registerAuthCommands(program: Command): void {
  program
    .command("login")
    .description("sign in with email and password; the session is saved for later commands")
    .option("--email <email>", "account email (asked for when omitted)")
    .option("--password-stdin", "read the password from standard input (for scripts)")
    .addHelpText(
      "after",
      "\nThe session goes to $XDG_CONFIG_HOME/transmute/config.json (or ~/.config/transmute), readable by you alone.\n" +
        'Example:\n  printf %s "$PASSWORD" | transmute login --email me@example.com --password-stdin',
    )
    .action(async (options: { email?: string; passwordStdin?: boolean }, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const interactive = process.stdin.isTTY;
      if (!options.passwordStdin && !interactive) {
        throw usageError("Not a terminal: pass --password-stdin and pipe the password in");
      }
      if (!options.email && !interactive) throw usageError("Not a terminal: pass --email");
      const email = options.email ?? (await ask("Email: "));
      const password = options.passwordStdin
        ? (await readStdin()).replace(/\r?\n$/, "")
        : await ask("Password: ", { hidden: true });

      const { tokens, workspaceId } = await ctx.anonymous().auth.login.mutate({ email, password });
      await ctx.save({
        url: ctx.url,
        credentials: {
          type: "session",
          email,
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
        },
      });
      print(
        ctx.json,
        { email, workspaceId, url: ctx.url },
        () => `Signed in to ${ctx.url} as ${email}`,
      );
    });

  program
    .command("use-key")
    .description("sign every later command with a workspace API key")
    .argument("<key>", "the key, tm_live_…")
    .addHelpText(
      "after",
      "\nThe key is checked against the server, then saved in place of any session.\n" +
        "Instead of saving one, a script can set TRANSMUTE_API_KEY.",
    )
    .action(async (key: string, _options: unknown, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      // Checked before it is saved, so a typo does not replace working credentials.
      const workspace = await createTransmuteClient({
        url: ctx.url,
        apiKey: key,
      }).workspace.current.query();
      await ctx.save({ url: ctx.url, credentials: { type: "key", key } });
      print(
        ctx.json,
        { workspaceId: workspace.id, workspace: workspace.name, url: ctx.url },
        () => `Using the key for workspace "${workspace.name}" on ${ctx.url}`,
      );
    });

  program
    .command("logout")
    .description("end the saved session and forget the saved credentials")
    .action(async (_options: unknown, command: Command) => {
      const ctx = await createContext(command.optsWithGlobals<GlobalOptions>());
      const credentials = ctx.config.credentials;
      if (credentials?.type === "session") {
        await ctx.anonymous().auth.logout.mutate({ refreshToken: credentials.refreshToken });
      }
      await ctx.save({ url: ctx.config.url });
      print(ctx.json, { signedOut: Boolean(credentials) }, () =>
        credentials ? "Signed out" : "There were no saved credentials",
      );
    });
}
