import { z } from "zod";

/**
 * Text PostgreSQL can store: no NUL (refused by `text` and `jsonb`) and no UTF-16 half without
 * its other half (a lone surrogate is not a character and has no UTF-8 encoding). With the `u`
 * flag a well-formed pair is one code point outside the class, so emoji and the like pass.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this must find.
export const storableText = /^[^\u0000\uD800-\uDFFF]*$/u;

const unstorable = "Text must not contain NUL characters or unpaired UTF-16 surrogates";

/**
 * Every string a caller sends goes through this, so that what cannot be stored is a
 * BAD_REQUEST naming the field instead of a 500 from the database.
 */
export const storable = <T extends z.ZodString | z.ZodStringFormat>(schema: T): T =>
  schema.regex(storableText, unstorable) as T;

/** Storable text between `min` and `max` UTF-16 units. */
export const boundedText = (max: number, min = 0) => storable(z.string().min(min).max(max));
