import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/** The schemas folder ships beside src/ and dist/, two levels above this file in both. */
export const SCHEMAS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");

export type SchemaName = "ruleset" | "mode" | "usage" | "quote";

let compiled: Map<SchemaName, ValidateFunction> | undefined;

/** Compiles every schema once per process; validators are reused by every load and quote. */
export function validatorFor(name: SchemaName): ValidateFunction {
  compiled ??= compileAll();
  const validate = compiled.get(name);
  if (!validate) throw new Error(`no schema named ${name}`);
  return validate;
}

function compileAll(): Map<SchemaName, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, discriminator: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats.default(ajv, ["date"]);
  ajv.addSchema(readSchema("common"));
  const names: SchemaName[] = ["ruleset", "mode", "usage", "quote"];
  return new Map(names.map((name) => [name, ajv.compile(readSchema(name))]));
}

function readSchema(name: string): object {
  return JSON.parse(readFileSync(join(SCHEMAS_DIR, `${name}.schema.json`), "utf8")) as object;
}
