import { describeEachEngine } from "@transmute/db/testing";
import type { TransformationEvent } from "@transmute/jobs";
import { expect, it } from "vitest";
import { rejection, useApi } from "./harness";

type Stream = AsyncIterator<unknown>;

/**
 * A stream opened before access ends: it delivers the workspace's events until then, and the next
 * event after it ends the stream with the error a new call would get, never with the event.
 */
describeEachEngine("live streams when access ends", (engine) => {
  const api = useApi(engine);

  async function workspaceWithDocument() {
    const { owner, editor } = await api.team();
    const document = await owner.caller.document.create({
      title: "Watched",
      format: "text",
      content: "One sentence. Another one.",
    });
    const change = () =>
      owner.caller.transformation.create({
        documentId: document.id,
        steps: [{ kind: "stats", params: {} }],
      });
    return { owner, editor, change };
  }

  async function open(token: string) {
    const controller = new AbortController();
    const stream = (await api.as(token, controller.signal).transformation.onChange({}))[
      Symbol.asyncIterator
    ]() as Stream;
    return { stream, stop: () => controller.abort() };
  }

  /** The stream hears a change while access lasts, then ends with `code` at the next one. */
  async function endsWith(
    stream: Stream,
    change: () => Promise<unknown>,
    revoke: () => Promise<unknown>,
    code: string,
  ) {
    const before = stream.next();
    const made = (await change()) as { id: string };
    const [, event] = (await before).value as [string, TransformationEvent];
    expect(event.transformationId).toBe(made.id);

    await revoke();
    const after = stream.next();
    await change();
    const error = await rejection(after, code);
    return error.message;
  }

  it("ends a member's stream when the member is removed", async () => {
    const { owner, editor, change } = await workspaceWithDocument();
    const { stream, stop } = await open(editor.tokens.accessToken);
    try {
      const message = await endsWith(
        stream,
        change,
        () => owner.caller.workspace.removeMember({ userId: editor.user.id }),
        "FORBIDDEN",
      );
      expect(message).toMatch(/not a member/);
    } finally {
      stop();
    }
  });

  it("ends a key's stream when the key is revoked", async () => {
    const { owner, change } = await workspaceWithDocument();
    const { apiKey, secret } = await owner.caller.apiKey.create({
      name: "Watcher",
      scopes: ["transformations:read"],
    });
    const { stream, stop } = await open(secret);
    try {
      const message = await endsWith(
        stream,
        change,
        () => owner.caller.apiKey.revoke({ apiKeyId: apiKey.id }),
        "UNAUTHORIZED",
      );
      expect(message).toMatch(/revoked/);
    } finally {
      stop();
    }
  });

  it("ends a person's stream when their session is signed out", async () => {
    const { editor, change } = await workspaceWithDocument();
    const { stream, stop } = await open(editor.tokens.accessToken);
    try {
      const message = await endsWith(
        stream,
        change,
        () => api.as().auth.logout({ refreshToken: editor.tokens.refreshToken }),
        "UNAUTHORIZED",
      );
      expect(message).toMatch(/session has ended/);
    } finally {
      stop();
    }
  });
});
