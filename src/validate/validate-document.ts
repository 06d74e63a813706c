import type { Problem } from "../errors/problem.js";
import type { SourceDocument } from "../load/source-document.js";
import { schemaProblems } from "./schema-problems.js";
import { validatorFor, type SchemaName } from "./schemas.js";

/** Validates a parsed document against one of the bundled JSON Schemas. */
export function validateDocument(doc: SourceDocument, schema: SchemaName): Problem[] {
  const validate = validatorFor(schema);
  if (validate(doc.data)) return [];
  return schemaProblems(validate.errors ?? [], doc);
}
