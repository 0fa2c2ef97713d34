import { describe, expect, it } from "vitest";
import { catalogue } from "../src/index";
import { fixture, makeContext } from "./support/context";
import { expectNothingExecutable } from "./support/html-safety";

const definition = catalogue.redact;

async function redact(
  content: string,
  params: Record<string, unknown> = {},
  format: "markdown" | "html" | "text" = "text",
) {
  return definition.run({ content, format }, definition.params.parse(params), makeContext());
}

const sample = [
  "Contact Jane Roe at jane.roe+billing@example.co.uk or JANE@Example.com.",
  "Phones: +1 415 555 2671, (415) 555-0132 and +44 20 7946 0958.",
  "Card 4111 1111 1111 1111 is a test card; 4111 1111 1111 1112 fails Luhn; so does 1234567812345678.",
  "Order 2024-01-15 shipped to 10.0.0.7 (gateway 192.168.1.1.) and [2001:db8::ff00:42:8329]:443.",
  "Not addresses: 999.1.1.1, 12:30:45, std::vector, version 1.2.3 and ::.",
].join("\n");

describe("redact", () => {
  it("finds emails, phone numbers, Luhn-valid cards and IP addresses, and counts them", async () => {
    const output = await redact(sample);
    expect(output.format).toBe("text");
    expect(output.content).toBe(
      [
        "Contact Jane Roe at [EMAIL] or [EMAIL].",
        "Phones: [PHONE], [PHONE] and [PHONE].",
        "Card [CARD] is a test card; 4111 1111 1111 1112 fails Luhn; so does 1234567812345678.",
        "Order 2024-01-15 shipped to [IP] (gateway [IP].) and [[IP]]:443.",
        "Not addresses: 999.1.1.1, 12:30:45, std::vector, version 1.2.3 and ::.",
      ].join("\n"),
    );
    expect(output.meta).toEqual({
      counts: { email: 2, phone: 3, card: 1, ipv4: 2, ipv6: 1, term: 0 },
      total: 9,
    });
  });

  it("redacts given terms case-insensitively as whole words, with regex characters literal", async () => {
    const text =
      "Project Falcon (a.k.a. falcon*) beat FALCON's rival; Falconry is unrelated. C++ too.";
    const output = await redact(text, {
      terms: ["falcon", "a.k.a.", "c++", "falcon*"],
      style: "redacted",
    });
    expect(output.content).toBe(
      "Project [REDACTED] ([REDACTED] [REDACTED]) beat [REDACTED]'s rival; Falconry is unrelated. [REDACTED] too.",
    );
    expect(output.meta).toMatchObject({ counts: { term: 5 }, total: 5 });
    const spaced = await redact("Jane\n  Roe wrote", { terms: ["Jane Roe"] });
    expect(spaced.content).toBe("[REDACTED] wrote");
  });

  it("blocks out one █ per character, counting graphemes", async () => {
    const output = await redact("Write to zoë@exämple.com 👍", { style: "block" });
    expect(output.content).toBe(`Write to ${"█".repeat("zoë@exämple.com".normalize().length)} 👍`);
  });

  it("limits what it looks for to the chosen detectors", async () => {
    const output = await redact(sample, { detect: ["card"] });
    expect(output.meta).toMatchObject({ total: 1 });
    expect(output.content).toContain("jane.roe+billing@example.co.uk");
  });

  it("validates its parameters", () => {
    expect(definition.params.safeParse({ terms: Array(51).fill("x") }).success).toBe(false);
    expect(definition.params.safeParse({ terms: ["x".repeat(101)] }).success).toBe(false);
    expect(definition.params.safeParse({ phoneCountry: "ZZ" }).success).toBe(false);
    expect(definition.params.safeParse({ style: "blur" }).success).toBe(false);
  });

  it("keeps Markdown as Markdown, redacting link targets too", async () => {
    const markdown = "# Team\n\n- [Write to Ann](mailto:ann@example.org) or call +1 415 555 2671\n";
    const output = await redact(markdown, {}, "markdown");
    expect(output.format).toBe("markdown");
    expect(output.content).toBe("# Team\n\n- [Write to Ann](mailto:[EMAIL]) or call [PHONE]\n");
  });

  it("in HTML changes only text and attribute values, so the markup survives", async () => {
    const output = await redact(fixture("messy.html.txt"), { terms: ["ShopCo"] }, "html");
    expect(output.format).toBe("html");
    expect(output.content).toContain('<a href="mailto:[EMAIL]">[EMAIL]</a>');
    // The tel: link target is a copy of the number, and is redacted as such.
    expect(output.content).toContain('or call\n<a href="tel:[PHONE]">[PHONE]</a>.');
    expect(output.content).toContain("Server [IP] logged the visit from [IP].");
    expect(output.content).toContain('<img src="/logo.png" alt="[REDACTED] logo">');
    expect(output.content).toContain("<h1>Spring Sale: up to 40% off garden tools</h1>");
    expect(output.content).toContain("<tr><td>Stainless steel spade</td>");
    expect(output.meta).toMatchObject({
      counts: { email: 2, phone: 2, ipv4: 1, ipv6: 1, term: 2 },
    });
    expectNothingExecutable(output.content);
  });

  it("finds personal data that markup splits, keeping the markup", async () => {
    const html = async (content: string) => (await redact(content, {}, "html")).content;
    const markdown = async (content: string) => (await redact(content, {}, "markdown")).content;
    expect(await html("<p><b>john</b>@example.com</p>")).toBe("<p><b>[EMAIL]</b></p>");
    expect(await html("<p>john@<i>example</i>.com</p>")).toBe("<p>[EMAIL]<i></i></p>");
    expect(await markdown("**john**@example.com")).toBe("**[EMAIL]**");
    expect(await markdown("<b>john</b>@example.com")).toBe("<b>[EMAIL]</b>");
    expect(await html("<p><span>415</span> 867-5309</p>")).toBe("<p><span>[PHONE]</span></p>");
    expect(await html("<p>Card 4111 <b>1111</b> 1111 1111.</p>")).toBe(
      "<p>Card [CARD]<b></b>.</p>",
    );
    expect(await markdown("Card 4111 **1111** 1111 1111.")).toBe("Card [CARD]****.");
    expect(await html("<p>Host 192.168.<em>1</em>.20 is down</p>")).toBe(
      "<p>Host [IP]<em></em> is down</p>",
    );
    // A block boundary still separates: these are two numbers, not one.
    expect(await html("<p>4111 1111</p><p>1111 1111</p>")).toBe("<p>4111 1111</p><p>1111 1111</p>");
  });

  it("finds a phone number broken across a line, but not across a paragraph", async () => {
    expect((await redact("Call (415)\n867-5309 today.")).content).toBe("Call [PHONE] today.");
    expect((await redact("Call 415\n\n867-5309 today.")).content).toBe(
      "Call 415\n\n867-5309 today.",
    );
  });

  it("takes neither order numbers for phones nor addresses by halves", async () => {
    const output = await redact(
      "Order ORD-2024-000123 (SKU AB-415-555-2671) for j.o'brien+tag@example.com.",
    );
    expect(output.content).toBe("Order ORD-2024-000123 (SKU AB-415-555-2671) for [EMAIL].");
    expect(output.meta).toMatchObject({ total: 1 });
  });

  it("handles right-to-left text around findings", async () => {
    const output = await redact(
      "راسلنا على info@example.com أو اتصل. כתבו ל-dana@example.co.il עכשיו",
    );
    // Addresses may use letters of any script, so the Hebrew prefix "ל-" joins the address:
    // redacting a little too much is the safe side.
    expect(output.content).toBe("راسلنا على [EMAIL] أو اتصل. כתבו [EMAIL] עכשיו");
  });
});
