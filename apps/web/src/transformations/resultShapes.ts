/**
 * The shapes of the catalogue's structured (JSON) results, checked rather than assumed: a
 * result is rendered by what it contains, so a pipeline's last step decides, and anything
 * unrecognised still shows as plain JSON.
 */

export interface Thread {
  posts: string[];
}

export interface Keywords {
  keywords: { term: string; score: number }[];
  keyphrases: { phrase: string; score: number; occurrences: number }[];
}

export interface OutlineNode {
  depth: number;
  text: string;
  slug: string;
  children: OutlineNode[];
}

export interface Outline {
  outline: OutlineNode[];
  markdown: string;
}

export type Scalar = string | number | boolean | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isArrayOf = <T>(value: unknown, item: (v: unknown) => v is T): value is T[] =>
  Array.isArray(value) && value.every(item);

const isString = (value: unknown): value is string => typeof value === "string";
const isNumber = (value: unknown): value is number => typeof value === "number";

export const isScalar = (value: unknown): value is Scalar =>
  value === null || ["string", "number", "boolean"].includes(typeof value);

export const isThread = (value: unknown): value is Thread =>
  isObject(value) && isArrayOf(value.posts, isString);

const isKeyword = (value: unknown) =>
  isObject(value) && isString(value.term) && isNumber(value.score);
const isKeyphrase = (value: unknown) =>
  isObject(value) && isString(value.phrase) && isNumber(value.score) && isNumber(value.occurrences);

export const isKeywords = (value: unknown): value is Keywords =>
  isObject(value) &&
  isArrayOf(value.keywords, (v): v is Keywords["keywords"][number] => isKeyword(v)) &&
  isArrayOf(value.keyphrases, (v): v is Keywords["keyphrases"][number] => isKeyphrase(v));

const isOutlineNode = (value: unknown): value is OutlineNode =>
  isObject(value) &&
  isNumber(value.depth) &&
  isString(value.text) &&
  isString(value.slug) &&
  isArrayOf(value.children, isOutlineNode);

export const isOutline = (value: unknown): value is Outline =>
  isObject(value) && isArrayOf(value.outline, isOutlineNode) && isString(value.markdown);

/** Facts such as statistics: an object whose values are scalars or objects of scalars. */
export const isFacts = (value: unknown): value is Record<string, unknown> =>
  isObject(value) &&
  Object.values(value).every(
    (v) => isScalar(v) || (isObject(v) && Object.values(v).every(isScalar)),
  );
