import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { useSchemas, type SchemaSources } from "./schemas.js";

/** The schemas folder ships beside src/ and dist/, two levels above this file in both. */
export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");

const read = (name: string): object => JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), "utf8")) as object;

useSchemas((): SchemaSources => ({ common: read("common"), ruleset: read("ruleset"), mode: read("mode"), usage: read("usage"), quote: read("quote") }));
