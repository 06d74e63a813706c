/** What bin/ratecard.js needs, as one entry point: `npm run build` bundles it into dist/cli-bundle/. */
export { runCli } from "./main.js";
export { processIO } from "./process-io.js";
