import { boundedText, storable } from "@transmute/transform";
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

// Every string input is `boundedText` or goes through `storable` (input-bounds.test.ts checks).
export { boundedText, storable };

/** A required single-line name: trimmed, non-empty. */
export const name = (max: number) => boundedText(max).trim().min(1);

export const email = storable(z.email())
  .max(254)
  .transform((value) => value.toLowerCase());

const PASSWORD_MIN = 8;
const PASSWORD_MAX = 128;

/** Characters as people count them: "é" is one whether typed as one code point or two. */
const characters = (value: string) => [...value.normalize("NFC")].length;

/**
 * A new password (OWASP ASVS 6.2): long enough, any characters including spaces, and not one of
 * the passwords attackers try first. The cheap bound on UTF-16 units comes first, so a huge input
 * is refused before it is normalized.
 */
export const password = storable(
  z.string().max(PASSWORD_MAX * 4, `Use at most ${PASSWORD_MAX} characters`),
).superRefine((value, ctx) => {
  const length = characters(value);
  if (length < PASSWORD_MIN) {
    ctx.addIssue({ code: "custom", message: `Use at least ${PASSWORD_MIN} characters` });
  } else if (length > PASSWORD_MAX) {
    ctx.addIssue({ code: "custom", message: `Use at most ${PASSWORD_MAX} characters` });
  } else if (isCommonPassword(value)) {
    ctx.addIssue({
      code: "custom",
      message: "This password is too common; choose one that is harder to guess",
    });
  }
});

/** A password being checked, not chosen: any length a chosen one could have. */
export const currentPassword = boundedText(PASSWORD_MAX * 4, 1);

export const id = z.uuid();
