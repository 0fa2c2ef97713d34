import type { TRPCRouterRecord } from "@trpc/server";
import { and, apiKeys, apiScopes, desc, eq, sql } from "@transmute/db";
import { isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeyColumns, newApiKey } from "../api-keys";
import { recordAudit } from "../audit";
import { adminProcedure, asMember } from "../procedures";
import { TRPCError } from "../trpc";
import { id, name } from "../validation/fields";

const DAY_MS = 24 * 60 * 60 * 1000;
const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "API key not found" });

/** Keys are managed by admins, signed in as themselves: a key cannot make or revoke keys. */
export const apiKeyRouter = {
  /** Returns the secret this once; only its hash is stored. */
  create: adminProcedure
    .input(
      z.object({
        name: name(100),
        scopes: z
          .array(z.enum(apiScopes))
          .min(1)
          .max(apiScopes.length)
          .transform((values) => [...new Set(values)]),
        /** Unset: the key works until it is revoked. */
        expiresInDays: z.number().int().min(1).max(3650).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const workspaceId = ctx.workspace.id;
      const actorId = asMember(ctx.actor).userId;
      const { secret, hash, prefix } = newApiKey();
      const [apiKey] = await ctx.db
        .insert(apiKeys)
        .values({
          workspaceId,
          name: input.name,
          prefix,
          keyHash: hash,
          scopes: input.scopes,
          createdBy: actorId,
          expiresAt: input.expiresInDays
            ? new Date(Date.now() + input.expiresInDays * DAY_MS)
            : null,
        })
        .returning(apiKeyColumns);
      await recordAudit(ctx.db, ctx.client, {
        workspaceId,
        action: "api_key.created",
        actorId,
        targetId: apiKey!.id,
        details: { name: input.name, prefix, scopes: input.scopes },
      });
      return { apiKey: apiKey!, secret };
    }),

  /** Newest first, with each one's status; never a secret. */
  list: adminProcedure.query(({ ctx }) =>
    ctx.db
      .select(apiKeyColumns)
      .from(apiKeys)
      .where(eq(apiKeys.workspaceId, ctx.workspace.id))
      .orderBy(desc(apiKeys.id)),
  ),

  /** Stops the key at once, in every server process (keys are looked up on every call). */
  revoke: adminProcedure.input(z.object({ apiKeyId: id })).mutation(async ({ ctx, input }) => {
    const workspaceId = ctx.workspace.id;
    const mine = and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, input.apiKeyId));
    const [revoked] = await ctx.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(mine, isNull(apiKeys.revokedAt)))
      .returning(apiKeyColumns);
    if (!revoked) {
      const [current] = await ctx.db.select(apiKeyColumns).from(apiKeys).where(mine);
      if (!current) throw notFound();
      // Revoked already: nothing changes, and nothing is logged twice.
      return current;
    }
    await recordAudit(ctx.db, ctx.client, {
      workspaceId,
      action: "api_key.revoked",
      actorId: asMember(ctx.actor).userId,
      targetId: revoked.id,
      details: { name: revoked.name, prefix: revoked.prefix },
    });
    return revoked;
  }),
} satisfies TRPCRouterRecord;
