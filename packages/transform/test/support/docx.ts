import JSZip from "jszip";

const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const run = (text: string, bold = false) =>
  `<w:r>${bold ? "<w:rPr><w:b/></w:rPr>" : ""}<w:t xml:space="preserve">${text}</w:t></w:r>`;
const paragraph = (content: string, properties = "") =>
  `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ""}${content}</w:p>`;
const bullet = (text: string) =>
  paragraph(run(text), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');

/**
 * A small but valid .docx (the parts Word itself needs for these features): a Heading 1, a
 * paragraph with bold text, a bulleted list, a paragraph whose text looks like a script tag,
 * links (one to javascript:), and right-to-left text.
 */
export async function buildDocx(): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
      '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>' +
      "</Types>",
  );
  zip.file(
    "_rels/.rels",
    `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="word/document.xml"/>` +
      "</Relationships>",
  );
  zip.file(
    "word/_rels/document.xml.rels",
    `${xml}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${rel}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId2" Type="${rel}/numbering" Target="numbering.xml"/>` +
      `<Relationship Id="rId3" Type="${rel}/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>` +
      `<Relationship Id="rId4" Type="${rel}/hyperlink" Target="https://example.com/report" TargetMode="External"/>` +
      "</Relationships>",
  );
  zip.file(
    "word/styles.xml",
    `${xml}<w:styles xmlns:w="${w}">` +
      '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>' +
      "</w:styles>",
  );
  zip.file(
    "word/numbering.xml",
    `${xml}<w:numbering xmlns:w="${w}">` +
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      "</w:numbering>",
  );
  const body = [
    paragraph(run("Quarterly report"), '<w:pStyle w:val="Heading1"/>'),
    paragraph(run("Revenue grew ") + run("twelve percent", true) + run(" this quarter.")),
    bullet("Open two new offices"),
    bullet("Hire a support team"),
    paragraph(run('&lt;script&gt;alert("docx")&lt;/script&gt; is only text here.')),
    paragraph(
      `<w:hyperlink r:id="rId3">${run("Click me")}</w:hyperlink>` +
        run(" and ") +
        `<w:hyperlink r:id="rId4">${run("the full report")}</w:hyperlink>`,
    ),
    paragraph(run("مرحبا بالعالم — שלום עולם")),
  ].join("");
  zip.file(
    "word/document.xml",
    `${xml}<w:document xmlns:w="${w}" xmlns:r="${rel}"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}
