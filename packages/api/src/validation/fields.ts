import { z } from "zod";

/**
 * Bounded text. NUL is refused here because PostgreSQL cannot store it in `text`: without this
 * check such input would surface as a 500 instead of a typed error.
 */
export const boundedText = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((value) => !value.includes("\u0000"), "Text must not contain NUL characters");

/** A required single-line name: trimmed, non-empty. */
export const name = (max: number) => boundedText(max).trim().min(1);

export const email = z
  .email()
  .max(254)
  .transform((value) => value.toLowerCase());

export const password = z.string().min(8).max(256);

export const id = z.uuid();
