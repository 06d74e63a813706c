import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export type SchemaName = "ruleset" | "mode" | "usage" | "quote";

/** The schema documents by name ("common" plus every SchemaName). */
export type SchemaSources = Record<SchemaName | "common", object>;

let source: (() => SchemaSources) | undefined;
let compiled: Map<SchemaName, ValidateFunction> | undefined;

/**
 * Where the schemas come from: files next to the package in Node (schema-files.ts), objects
 * bundled with the code in the browser calculator.
 */
export function useSchemas(provider: () => SchemaSources): void {
  source = provider;
  compiled = undefined;
}

/** Compiles every schema once per process; validators are reused by every load and quote. */
export function validatorFor(name: SchemaName): ValidateFunction {
  if (!source) throw new Error("no schema source registered (import validate/schema-files.js in Node)");
  compiled ??= compileAll(source());
  return compiled.get(name)!;
}

function compileAll(sources: SchemaSources): Map<SchemaName, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, verbose: true, discriminator: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats.default(ajv, ["date"]);
  ajv.addSchema(sources.common);
  const names: SchemaName[] = ["ruleset", "mode", "usage", "quote"];
  return new Map(names.map((name) => [name, ajv.compile(sources[name])]));
}
