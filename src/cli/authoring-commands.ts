import { BUNDLED_RULES_DIR, validateRuleSet } from "../api.js";
import { generateAuthorDocs, generateDocs } from "../docs/generate-docs.js";
import { parsePeriod } from "../calendar/period.js";
import { formatProblem, RatecardError } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import { initRuleSet } from "../scaffold/init-ruleset.js";
import { ruleSetsIn } from "./rule-sets.js";
import { rulesDirArgument, UsageError, type Command } from "./command.js";

/** `ratecard validate [RULES_DIR]`: every problem of every rule set, as file:line:col  code  message. */
export const validateCommand: Command = {
  name: "validate",
  options: {},
  run(_values, positionals, io) {
    const dir = rulesDirArgument(positionals, "validate", BUNDLED_RULES_DIR);
    const ruleSets = ruleSetsIn(dir);
    let failed = false;
    for (const ruleSet of ruleSets) {
      const problems = validateRuleSet(ruleSet);
      if (problems.length === 0) {
        io.stdout(`${ruleSet}: valid\n`);
        continue;
      }
      failed = true;
      io.stderr(
        `${problems.map(formatProblem).join("\n")}\n${ruleSet}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`,
      );
    }
    return failed ? 1 : 0;
  },
};

/** `ratecard init DIR`: a minimal valid rule set to start from. */
export const initCommand: Command = {
  name: "init",
  options: {},
  run(_values, positionals, io) {
    if (positionals.length !== 1 || positionals[0] === "")
      throw new UsageError("init takes the folder of the new rule set");
    const dir = positionals[0]!;
    const written = initRuleSet(dir);
    io.stdout(
      `${written.map((file) => `wrote ${file}`).join("\n")}\nnext: ratecard check ${dir} && ratecard test ${dir}\n`,
    );
    return 0;
  },
};

/**
 * `ratecard docs [--rules DIR] --out DIR [--month YYYY-MM] [--locale TAG]`: the customer site (pricing
 * pages and the calculator); `--authors` writes the rule authors' reference instead.
 */
export const docsCommand: Command = {
  name: "docs",
  options: {
    rules: { type: "string" },
    out: { type: "string" },
    month: { type: "string" },
    locale: { type: "string" },
    authors: { type: "boolean" },
  },
  run(values, positionals, io) {
    if (positionals.length || !values.out)
      throw new UsageError(
        "docs takes --out DIR (and optionally --rules DIR, --month YYYY-MM for the calculator's default month, --locale TAG for amounts, --authors for the rule authors' reference)",
      );
    const month = values.month as string | undefined;
    if (month !== undefined && !parsePeriod(month)) {
      throw new RatecardError([
        {
          code: "schema.pattern",
          message: `--month is "${clip(month)}"; expected the calendar month the calculator opens at, YYYY-MM`,
          path: [],
        },
      ]);
    }
    const rules = (values.rules as string | undefined) ?? BUNDLED_RULES_DIR;
    ruleSetsIn(rules);
    const locale = values.locale as string | undefined;
    if (locale !== undefined && !isLocale(locale))
      throw new UsageError(`--locale takes a BCP 47 tag such as en-US or de-DE, not "${clip(locale)}"`);
    const written = values.authors
      ? generateAuthorDocs(rules, values.out as string)
      : generateDocs(rules, values.out as string, { month, locale });
    io.stdout(`${written.map((file) => `wrote ${file}`).join("\n")}\n`);
    return 0;
  },
};

/** A locale Intl knows by that name. */
function isLocale(tag: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag]).length === 1;
  } catch {
    return false;
  }
}
