import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { maxDocxEntries, maxDocxUnpackedBytes } from "../src/kinds/docx-archive";
import { catalogue, importDocx, listKinds, TransformError } from "../src/index";
import { makeContext } from "./support/context";
import { buildDocx } from "./support/docx";
import { expectNothingExecutable } from "./support/html-safety";

describe("importDocx", () => {
  it("turns a Word document into sanitized HTML and Markdown", async () => {
    const result = await importDocx(await buildDocx(), { fileName: "q3.docx" });
    expect(result.title).toBe("Quarterly report");
    expect(result.html).toContain("<h1>Quarterly report</h1>");
    expect(result.html).toContain("Revenue grew <strong>twelve percent</strong> this quarter.");
    expect(result.html).toContain(
      "<ul><li>Open two new offices</li><li>Hire a support team</li></ul>",
    );
    expect(result.html).toContain('&#x3C;script>alert("docx")&#x3C;/script> is only text here.');
    expect(result.html).toContain('<a href="https://example.com/report">the full report</a>');
    expect(result.html).toContain("مرحبا بالعالم — שלום עולם");
    expectNothingExecutable(result.html);

    expect(result.markdown).toContain("# Quarterly report");
    expect(result.markdown).toContain("Revenue grew **twelve percent** this quarter.");
    expect(result.markdown).toContain("- Open two new offices\n- Hire a support team");
    expect(result.markdown).toContain("[the full report](https://example.com/report)");
    expect(result.markdown).toMatch(/^Click me and /m);
    expect(result.markdown).not.toContain("javascript");
    expect(result.warnings).toEqual([]);
  });

  it("falls back to the file name for the title when there is no heading", async () => {
    const zip = await JSZip.loadAsync(await buildDocx());
    const document = await zip.file("word/document.xml")!.async("string");
    zip.file("word/document.xml", document.replace('<w:pStyle w:val="Heading1"/>', ""));
    const result = await importDocx(await zip.generateAsync({ type: "uint8array" }), {
      fileName: "Board minutes.docx",
    });
    expect(result.title).toBe("Board minutes");
  });

  it("rejects empty and non-.docx files with a clear, non-retryable error", async () => {
    for (const bytes of [
      new Uint8Array(),
      new TextEncoder().encode("%PDF-1.7 not a word file"),
      await new JSZip().file("hello.txt", "hi").generateAsync({ type: "uint8array" }),
    ]) {
      const error: unknown = await importDocx(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransformError);
      expect((error as TransformError).retryable).toBe(false);
    }
  });

  it("refuses zip bombs: too much unpacked data, too many entries, sizes that lie", async () => {
    const refusal = async (bytes: Uint8Array) => {
      const error: unknown = await importDocx(bytes).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransformError);
      expect((error as TransformError).retryable).toBe(false);
      return (error as TransformError).message;
    };
    // Deflating 256 MB of zeros takes a test half a minute; the directory says it instead,
    // which is all the check reads before inflating anything.
    const big = await JSZip.loadAsync(await buildDocx());
    big.file("word/media/zeros.bin", new Uint8Array(1024));
    const bigBytes = await big.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    declareUnpackedSize(bigBytes, "word/media/zeros.bin", maxDocxUnpackedBytes + 1);
    expect(await refusal(bigBytes)).toMatch(/unpacks to more than 256 MB.*zip bomb/);

    const many = await JSZip.loadAsync(await buildDocx());
    for (let i = 0; i <= maxDocxEntries; i++) many.file(`customXml/item${i}.xml`, "");
    expect(await refusal(await many.generateAsync({ type: "uint8array" }))).toMatch(
      /more than the 10000 a Word document could need/,
    );

    const lying = await JSZip.loadAsync(await buildDocx());
    lying.file("word/media/zeros.bin", new Uint8Array(4 * 1024 * 1024));
    const lyingBytes = await lying.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    declareUnpackedSize(lyingBytes, "word/media/zeros.bin", 16);
    expect(await refusal(lyingBytes)).toMatch(/more than its declared size.*zip bomb/);
  });

  it("is listed as an upload-only kind and refuses to run on a document", async () => {
    const info = listKinds({}).find((k) => k.name === "docx-import");
    expect(info).toMatchObject({ upload: true, inputFormats: [], available: true });
    await expect(
      catalogue["docx-import"].run({ content: "x", format: "text" }, {}, makeContext()),
    ).rejects.toBeInstanceOf(TransformError);
  });
});

/** Rewrites an entry's uncompressed size in both of the zip's headers, as a forged bomb does. */
function declareUnpackedSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const encodedName = new TextEncoder().encode(name);
  const nameAt = (offset: number) => encodedName.every((byte, i) => zip[offset + i] === byte);
  for (let offset = 0; offset < zip.byteLength - 46; offset++) {
    const signature = view.getUint32(offset, true);
    // Local file header: size at 22, name at 30; central directory header: size at 24, name at 46.
    if (signature === 0x04034b50 && nameAt(offset + 30)) view.setUint32(offset + 22, size, true);
    if (signature === 0x02014b50 && nameAt(offset + 46)) view.setUint32(offset + 24, size, true);
  }
}
