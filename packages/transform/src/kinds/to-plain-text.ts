import { z } from "zod";
import { checkpoint } from "../checkpoint";
import { toPlainText } from "../text/plain-text";
import type { TransformDefinition } from "../types";

const params = z.strictObject({});

export const toPlainTextKind: TransformDefinition<typeof params> = {
  name: "to-plain-text",
  title: "Plain text",
  description:
    "Strips Markdown or HTML markup and keeps the text, with paragraphs separated by blank " +
    "lines and line breaks kept.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "text",
  params,
  async run(input, _params, context) {
    await checkpoint(context, 10);
    return { content: toPlainText(input), format: "text" };
  },
};
