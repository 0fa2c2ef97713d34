import { isIPv4, isIPv6 } from "node:net";
import { findPhoneNumbersInText, getCountries, type CountryCode } from "libphonenumber-js/max";
import { z } from "zod";
import { boundedText } from "../input-text";
import { checkpoint } from "../checkpoint";
import { parseHtml, sanitizeHtmlTree, serializeHtml } from "../text/html";
import { graphemeCount } from "../text/segment";
import { asRead, htmlTextRuns, markdownPieces, replaceAcross } from "../text/text-runs";
import { eachElement } from "../text/walk";
import type { TransformDefinition } from "../types";

const detectors = ["email", "phone", "card", "ipv4", "ipv6"] as const;
type Detector = (typeof detectors)[number];
type FindingType = Detector | "term";
export type RedactionCounts = Record<FindingType, number>;

// When findings overlap, the union is redacted (nothing half-shown) and counted once, as the
// type listed first here: the more specific pattern names it.
const precedence: FindingType[] = ["email", "card", "ipv6", "ipv4", "term", "phone"];

const labels: Record<FindingType, string> = {
  email: "[EMAIL]",
  phone: "[PHONE]",
  card: "[CARD]",
  ipv4: "[IP]",
  ipv6: "[IP]",
  term: "[REDACTED]",
};

// Every pattern starts only where a run of its characters starts (the lookbehinds) and
// IP candidates are bounded, so scanning stays linear even on long unbroken runs.
// The local part may hold an apostrophe between letters (o'brien@…).
const emailPattern =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:'[\p{L}\p{N}._%+-]+)*@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
// 13 to 19 digits, optionally grouped by single spaces or dashes; Luhn decides.
const cardPattern = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
const ipv4Pattern = /(?<![\p{L}\p{N}_.])\d{1,3}(?:\.\d{1,3}){3}(?![\p{L}\p{N}_]|\.\d)/gu;
// 45 characters is the longest textual IPv6 address (with an embedded IPv4).
const ipv6Pattern = /(?<![\p{L}\p{N}_.])[0-9A-Fa-f:.]{2,46}(?![\p{L}\p{N}_:.])/gu;

interface Finding {
  start: number;
  end: number;
  type: FindingType;
}

interface RedactOptions {
  detect: ReadonlySet<Detector>;
  /** From `termsPattern`; absent when no terms were given. */
  terms?: RegExp;
  phoneCountry: CountryCode;
  style: "label" | "redacted" | "block";
}

function* matches(pattern: RegExp, text: string) {
  for (const m of text.matchAll(pattern)) yield { start: m.index, text: m[0] };
}

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function find(text: string, options: RedactOptions): Finding[] {
  const found: Finding[] = [];
  const add = (start: number, length: number, type: FindingType) =>
    found.push({ start, end: start + length, type });

  if (options.detect.has("email")) {
    for (const m of matches(emailPattern, text)) add(m.start, m.text.length, "email");
  }
  if (options.detect.has("card")) {
    for (const m of matches(cardPattern, text)) {
      if (luhn(m.text.replace(/\D/g, ""))) add(m.start, m.text.length, "card");
    }
  }
  if (options.detect.has("ipv4")) {
    for (const m of matches(ipv4Pattern, text))
      if (isIPv4(m.text)) add(m.start, m.text.length, "ipv4");
  }
  if (options.detect.has("ipv6")) {
    for (const m of matches(ipv6Pattern, text)) {
      // A sentence's full stop sticks to the candidate.
      const candidate = m.text.replace(/\.+$/, "");
      // "::" alone is valid IPv6 but far more often a scope operator or a separator.
      if (/[0-9A-Fa-f]/.test(candidate) && isIPv6(candidate))
        add(m.start, candidate.length, "ipv6");
    }
  }
  if (options.detect.has("phone")) {
    for (const n of findPhoneNumbersInText(text, { defaultCountry: options.phoneCountry })) {
      if (partOfIdentifier(text, n.startsAt, n.endsAt)) continue;
      add(n.startsAt, n.endsAt - n.startsAt, "phone");
    }
  }
  if (options.terms) {
    for (const m of matches(options.terms, text)) add(m.start, m.text.length, "term");
  }
  return merge(found);
}

// Digits glued to letters, dashes or slashes belong to a code (ORD-2024-000123, SKU/415-5550),
// not a phone number, which stands apart from the words around it.
const gluedBefore = /[\p{L}\p{N}_/#-]$/u;
const gluedAfter = /^[\p{L}\p{N}_/-]/u;

function partOfIdentifier(text: string, start: number, end: number): boolean {
  return (
    gluedBefore.test(text.slice(Math.max(0, start - 1), start)) ||
    gluedAfter.test(text.slice(end, end + 1))
  );
}

function merge(found: Finding[]): Finding[] {
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Finding[] = [];
  for (const finding of found) {
    const last = merged.at(-1);
    if (last && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
      if (precedence.indexOf(finding.type) < precedence.indexOf(last.type))
        last.type = finding.type;
    } else {
      merged.push({ ...finding });
    }
  }
  return merged;
}

function replacement(original: string, type: FindingType, style: RedactOptions["style"]): string {
  if (style === "block") return "█".repeat(graphemeCount(original));
  return style === "label" ? labels[type] : "[REDACTED]";
}

function emptyCounts(): RedactionCounts {
  return { email: 0, phone: 0, card: 0, ipv4: 0, ipv6: 0, term: 0 };
}

/**
 * Redacts text that markup splits into pieces (one piece for plain text), adding what it found
 * to `counts`. Returns as many pieces, so the markup between them can be put back.
 */
function redactPieces(pieces: string[], options: RedactOptions, counts: RedactionCounts): string[] {
  const text = pieces.join("");
  const findings = find(asRead(text), options);
  for (const finding of findings) counts[finding.type]++;
  return replaceAcross(pieces, findings, (finding) =>
    replacement(text.slice(finding.start, finding.end), finding.type, options.style),
  );
}

function redactText(text: string, options: RedactOptions, counts: RedactionCounts): string {
  return redactPieces([text], options, counts).join("");
}

/** Markdown is redacted as source, so link targets, code and HTML comments are covered too. */
function redactMarkdown(source: string, options: RedactOptions, counts: RedactionCounts): string {
  const pieces = markdownPieces(source);
  const text = redactPieces(
    pieces.filter((_, i) => i % 2 === 0),
    options,
    counts,
  );
  return pieces.map((piece, i) => (i % 2 === 0 ? (text[i / 2] as string) : piece)).join("");
}

/**
 * One pattern for all terms, longest first so a term is not cut short by its own prefix.
 * Terms are literal text (escaped); whitespace inside a term matches any whitespace, since
 * documents wrap lines; a term edge that is a letter or digit must be a word edge, so "Ann"
 * does not redact "Annual".
 */
function termsPattern(terms: readonly string[]): RegExp | undefined {
  const word = "[\\p{L}\\p{N}_]";
  const alternatives = [...new Set(terms.map((t) => t.trim()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((term) => {
      const body = term
        .split(/\s+/)
        .map((part) => part.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&"))
        .join("\\s+");
      const start = /^[\p{L}\p{N}_]/u.test(term) ? `(?<!${word})` : "";
      const end = /[\p{L}\p{N}_]$/u.test(term) ? `(?!${word})` : "";
      return start + body + end;
    });
  return alternatives.length > 0 ? new RegExp(alternatives.join("|"), "giu") : undefined;
}

const params = z.strictObject({
  detect: z
    .array(z.enum(detectors))
    .max(detectors.length)
    .default([...detectors])
    .describe(
      "What to find: email addresses, phone numbers, payment card numbers (only those passing " +
        "the Luhn check), IPv4 and IPv6 addresses",
    ),
  terms: z
    .array(boundedText(100).trim().min(1))
    .max(50)
    .default([])
    .describe("Extra words or phrases to redact, matched case-insensitively as whole words"),
  style: z
    .enum(["label", "redacted", "block"])
    .default("label")
    .describe(
      'Replacement: "label" names what was found ("[EMAIL]", "[PHONE]"), "redacted" writes ' +
        '"[REDACTED]", "block" writes one █ per character',
    ),
  phoneCountry: z
    .enum(getCountries() as [CountryCode, ...CountryCode[]])
    .default("US")
    .describe(
      "Country (ISO 3166 code such as US, GB, FR) whose national phone number formats are " +
        "recognised; numbers written with a + country code are found whatever this is",
    ),
});

export const redactKind: TransformDefinition<typeof params> = {
  name: "redact",
  title: "Redact personal data",
  description:
    "Replaces email addresses, phone numbers, card numbers, IP addresses and chosen terms. " +
    "The document keeps its format; in HTML only text and attribute values change.",
  inputFormats: ["markdown", "html", "text"],
  outputFormat: "text",
  keepsInputFormat: true,
  params,
  async run(input, params, context) {
    const options: RedactOptions = {
      detect: new Set(params.detect),
      terms: termsPattern(params.terms),
      phoneCountry: params.phoneCountry,
      style: params.style,
    };
    const counts = emptyCounts();
    await checkpoint(context, 5);
    let content: string;
    if (input.format === "html") {
      const tree = sanitizeHtmlTree(parseHtml(input.content));
      await checkpoint(context, 20);
      for (const run of htmlTextRuns(tree)) {
        const values = redactPieces(
          run.map((node) => node.value),
          options,
          counts,
        );
        run.forEach((node, i) => (node.value = values[i] as string));
      }
      // Attributes leak too: a mailto: link, an image's alt text, a title tooltip.
      eachElement(tree, (node) => {
        for (const [name, value] of Object.entries(node.properties)) {
          if (typeof value === "string") node.properties[name] = redactText(value, options, counts);
        }
      });
      content = serializeHtml(tree);
    } else if (input.format === "markdown") {
      content = redactMarkdown(input.content, options, counts);
    } else {
      content = redactText(input.content, options, counts);
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { content, format: input.format, meta: { counts, total } };
  },
};
