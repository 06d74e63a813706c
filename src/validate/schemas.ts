import type { ValidateFunction } from "ajv";
// Generated beside src/ and dist/ alike, two levels above this file in both (like schemas/).
import * as validators from "../../generated/validators.js";

export type SchemaName = "ruleset" | "mode" | "usage" | "quote";

/**
 * The validator of one bundled JSON Schema. Validators are compiled from schemas/ at build time
 * (scripts/build-validators.mjs, ajv standalone code), so nothing is compiled when a process starts.
 */
export function validatorFor(name: SchemaName): ValidateFunction {
  return validators[name];
}
