// The ingest service: see README, "Calling Transmute from another service".
import { parseIngestEnv, startIngest } from "./index";

const parsed = parseIngestEnv(process.env);
if (!parsed.ok) {
  console.error(parsed.message);
  process.exit(1);
}
const { env } = parsed;
const ingest = await startIngest(env, ({ file, output, error }) =>
  console.log(error ? `${file}: failed: ${error.message}` : `${file}: wrote ${output}`),
);
console.log(
  `ingest listening on ${ingest.url} (POST /ingest)` +
    (env.INGEST_DIR ? `, watching ${env.INGEST_DIR}` : "") +
    `; kind ${env.INGEST_KIND}`,
);

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    ingest.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
