import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The schemas folder ships beside src/ and dist/, two levels above this file in both. */
export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");
