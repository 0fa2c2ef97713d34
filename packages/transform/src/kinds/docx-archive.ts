import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { TransformError } from "../types";

/** A Word document's parts: text, styles, a few hundred pictures at most. */
export const maxDocxEntries = 10_000;
/** Unpacked size allowed; pictures are already compressed, so real files stay far below. */
export const maxDocxUnpackedBytes = 256 * 1024 * 1024;

const fromBuffer = promisify(yauzl.fromBuffer) as (
  buffer: Buffer,
  options: yauzl.Options,
) => Promise<ZipFile>;

const tooLarge = () =>
  new TransformError(
    `The file unpacks to more than ${maxDocxUnpackedBytes / 1024 / 1024} MB, which no Word ` +
      "document needs; it was refused as a possible zip bomb",
    false,
  );

/**
 * Refuses a zip bomb before mammoth unpacks it whole into memory: too many entries, or more
 * unpacked bytes than the cap. Sizes in the zip's directory can lie, so every entry is
 * actually inflated (into nothing) and yauzl stops one that runs past its declared size.
 */
export async function checkDocxArchive(buffer: Buffer): Promise<void> {
  let zip: ZipFile;
  try {
    zip = await fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    // Not a zip at all: mammoth's own error tells the user what is wrong.
    return;
  }
  try {
    if (zip.entryCount > maxDocxEntries) {
      throw new TransformError(
        `The file holds ${zip.entryCount} parts, more than the ${maxDocxEntries} a Word ` +
          "document could need; it was refused as a possible zip bomb",
        false,
      );
    }
    let unpacked = 0;
    const openReadStream = promisify(zip.openReadStream.bind(zip));
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      unpacked += entry.uncompressedSize;
      if (unpacked > maxDocxUnpackedBytes) throw tooLarge();
      if (entry.fileName.endsWith("/")) continue;
      await pipeline(await openReadStream(entry), discard()).catch((error: unknown) => {
        if (error instanceof Error && /too many bytes/i.test(error.message)) {
          throw new TransformError(
            "A part of the file unpacks to more than its declared size; it was refused as a " +
              "possible zip bomb",
            false,
            { cause: error },
          );
        }
        throw error;
      });
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off("entry", onEntry).off("end", onEnd).off("error", onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on("entry", onEntry).on("end", onEnd).on("error", onError);
    zip.readEntry();
  });
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
