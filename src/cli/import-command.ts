import { join } from "node:path";
import { formatProblem } from "../errors/ratecard-error.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import { importPricing2Yaml } from "../import/pricing2yaml/index.js";
import { writeImportedRuleSet } from "../import/pricing2yaml/write-ruleset.js";
import { readText } from "../load/read-text.js";
import { closest } from "../errors/closest.js";
import { UsageError, type Command } from "./command.js";

const FORMATS = ["pricing2yaml"];

/**
 * `ratecard import pricing2yaml FILE --out DIR`: a rule set in DIR/<id>/ from a pricing written in
 * another format; every field that does not map is listed on standard error with its line.
 */
export const importCommand: Command = {
  name: "import",
  options: { out: { type: "string" } },
  run(values, positionals, io) {
    const [format, file, ...rest] = positionals;
    if (format === undefined || !FORMATS.includes(format)) throw new UsageError(formatProblemText(format));
    if (file === undefined || rest.length || typeof values.out !== "string" || values.out === "")
      throw new UsageError("import pricing2yaml takes one FILE and --out DIR");
    const read = readText(file);
    if (read.text === undefined) throw new RatecardError([{ code: read.code, message: read.message, path: [] }]);
    const imported = importPricing2Yaml(read.text, { file, outDir: values.out });
    const written = writeImportedRuleSet(values.out, imported);
    const count = imported.problems.length;
    if (count)
      io.stderr(
        `${imported.problems.map(formatProblem).join("\n")}\n${file}: ${count} field${count === 1 ? "" : "s"} not imported as written (listed above)\n`,
      );
    io.stdout(
      `${written.map((path) => `wrote ${path}`).join("\n")}\nnext: ratecard check ${join(values.out, imported.id)}\n`,
    );
    return 0;
  },
};

function formatProblemText(format: string | undefined): string {
  if (format === undefined) return "import takes a format (pricing2yaml), a FILE and --out DIR";
  const near = closest(format.slice(0, 40), FORMATS);
  return `import knows the format ${FORMATS.join(", ")}, not "${clip(format)}"${near ? ` (did you mean "${near}"?)` : ""}`;
}
