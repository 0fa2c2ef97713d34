import type { TransformationOutput } from "../trpc";

/** Saves the result as a file under the server's name for it, without another request. */
export function DownloadButton({ output }: { output: TransformationOutput }) {
  return (
    <button
      type="button"
      onClick={() => {
        const url = URL.createObjectURL(new Blob([output.content], { type: output.mediaType }));
        const link = document.createElement("a");
        link.href = url;
        link.download = output.filename;
        link.click();
        // Some browsers read the blob only after click() returns; later, the URL only holds memory.
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }}
    >
      Download
    </button>
  );
}
