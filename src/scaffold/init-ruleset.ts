import { readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { ProblemCode } from "../errors/codes.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { makeFolder, writeFileIn } from "../output/write-files.js";
import { clip } from "../guard/clip.js";
import { SCHEMAS_DIR } from "../validate/schema-files.js";

/** Writes a minimal valid rule set (schema lines, one meter, one edition, one example) into `dir`. */
export function initRuleSet(dir: string): string[] {
  const id = basename(dir);
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id))
    refuse(
      "ruleset.id",
      `the folder name "${clip(id)}" is the rule set's id: use at most 64 lower-case letters, digits and dashes`,
    );
  makeFolder(dir);
  if (entryCount(dir) > 0) refuse("file.exists", `${dir} is not empty; init writes into a new or empty folder`);
  const schema = (file: string, kind: string) =>
    `# yaml-language-server: $schema=${relative(join(dir, file, ".."), join(SCHEMAS_DIR, `${kind}.schema.json`))}`;
  const files: Record<string, string> = {
    "ruleset.yaml": `${schema("ruleset.yaml", "ruleset")}
id: ${id}
name: ${id}
money: { currency: USD, scale: 2, rounding: half-up, roundAt: line }
billing:
  cycle: calendar-month
  settlement: { days: 3, text: Fees incurred in a calendar month are deducted within the first 3 days of the next month. }
modes:
  - modes/main.yaml
selection:
  default: main
`,
    "modes/main.yaml": `${schema("modes/main.yaml", "mode")}
id: main
name: Standard pricing
meters:
  - id: requests
    name: API requests
    unit: request
    aggregate: sum
editions:
  - id: standard
    name: Standard
    fee: 10
    default: true
    quotas:
      requests: { included: 1000 }
charges:
  - id: requests
    name: API requests above the quota
    meter: requests
    price: { model: per-unit, unitPrice: 0.01 }
`,
    "examples/basic.yaml": `${schema("examples/basic.yaml", "usage")}
name: 1,500 requests
description: 500 above the 1,000 included, at 0.01 each = 5.00, plus the 10.00 fee.
ruleset: ${id}
period: 2026-01
usage: { requests: 1500 }
expect:
  total: "15.00"
  lines: { standard: "10.00", requests: "5.00" }
`,
  };
  for (const [file, text] of Object.entries(files)) writeFileIn(join(dir, file), text);
  return Object.keys(files).map((file) => join(dir, file));
}

function entryCount(dir: string): number {
  try {
    return readdirSync(dir).length;
  } catch (error) {
    return refuse(
      "file.unreadable",
      `cannot read the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
}

function refuse(code: ProblemCode, message: string): never {
  throw new RatecardError([{ code, message, path: [] }]);
}
