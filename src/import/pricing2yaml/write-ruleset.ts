import { readdirSync } from "node:fs";
import { join } from "node:path";
import { RatecardError } from "../../errors/ratecard-error.js";
import { makeFolder, writeFileIn } from "../../output/write-files.js";
import type { ImportedRuleSet } from "./index.js";

/** Writes an imported rule set into `outDir/<id>/`, which must be new or empty; returns the files written. */
export function writeImportedRuleSet(outDir: string, imported: ImportedRuleSet): string[] {
  const folder = join(outDir, imported.id);
  makeFolder(folder);
  if (readdirSync(folder).length > 0) {
    throw new RatecardError([
      {
        code: "file.exists",
        message: `${folder} is not empty; import writes a new rule set into a new or empty folder`,
        path: [],
      },
    ]);
  }
  return Object.entries(imported.files).map(([file, text]) => {
    writeFileIn(join(folder, file), text);
    return join(folder, file);
  });
}
