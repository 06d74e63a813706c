export const HELP = `ratecard — quote usage against pricing rules written as data

Quoting:
  ratecard quote [--rules DIR] [--format table|json] [--lean] [--fields F,...] FILE|-
      Quote a usage document (YAML or JSON; - reads standard input) against the rule set
      it names, found under DIR (default: the bundled rules). A document with \`months:\` is a
      forecast: every month is quoted and summed. --lean leaves explanations and the trace
      out of the JSON; --fields keeps only the quote fields listed (total,lines,...), and
      explains the lines only when trace is one of them.
  ratecard quote --batch FILE|- [--rules DIR] [--jobs N] [--lean] [--fields F,...]
      Quote many documents: NDJSON in (one usage document per line), NDJSON out in the same
      order, {"line":N,"quote":{…}} or {"line":N,"problems":[…]} per record, a summary on
      standard error; exit 1 when any record was refused. N worker threads (default: cores).
  ratecard explain [--rules DIR] FILE|-
      The same quote as plain sentences a customer would understand.
  ratecard compare [--rules DIR] [--format table|json] FILE|-
      The same usage under every edition of every mode the app may still use, cheapest first,
      with each total's difference from the current choice, the options that are not possible
      and why, and the usage at which the cheapest choice changes. The document may carry the
      meters of several modes; each mode reads its own. Every option gives what the current
      add-ons give: their entitlements (needs; an edition may include them), and an add-on
      that grants none is bought again as bought (keptAddons), unless the edition includes it.
  ratecard recommend [--rules DIR] [--format table|json] FILE|- --need KEY>=VALUE ...
      The cheapest edition plus add-ons that meets the needs, stated on the rule set's
      entitlements (e.g. --need "seats>=10" --need "regions=unlimited"), and why each cheaper
      option falls short.
  ratecard subscriptions [--need KEY>=VALUE ...] [--format table|json] [--mode M] RULES_DIR
      Count every subscription of a rule set (an edition plus add-ons its rules allow, each
      option value its own) without listing them, with the cheapest and the most expensive at
      zero usage; with --need, also those that meet the needs. --mode: one billing mode only.

Events:
  ratecard meter --events FILE|DIR --period YYYY-MM --ruleset ID [--customers FILE] [--rules DIR]
                 [--mode ID] [--engine E] [--memory SIZE] [--sql [--dialect D]]
      Meter raw events (NDJSON, CSV or Parquet: customer, type, timestamp and the columns the
      meters' events: mappings name) with an SQL engine, and write one usage document per
      customer as NDJSON, ready for quote --batch. --customers writes each customer's terms into
      its document as bill does (without it the documents carry none). A summary on standard
      error counts events metered, outside the month and refused (by reason); exit 1 if any was
      refused. --sql prints the SQL instead (--dialect duckdb|clickhouse). --memory caps the
      engine's memory (DuckDB: default 1GB).
      --engine duckdb (default, embedded) | chdb (embedded ClickHouse: npm install chdb) |
      clickhouse --url URL (a server over HTTP; CLICKHOUSE_USER and CLICKHOUSE_PASSWORD from the
      environment; --table DB.TABLE reads its table instead of --events).
  ratecard bill --events FILE|DIR --period YYYY-MM --ruleset ID [--customers FILE] [--jobs N]
                [--lean] [--rules DIR] [--mode ID] [--engine E] [--memory SIZE]
      Meter and price in one run: one NDJSON result per customer ({"customer", "quote"} or
      {"customer", "problems"}), then a summary: customers, quoted, refused, the total per
      currency, and the events' counts. --customers is NDJSON, one customer's terms per line
      ({"customer":"acme","edition":"team"}); customers with events but no terms are refused,
      customers with terms but no events are billed with no usage. --engine, --url, --table: as
      for meter.

Authoring:
  ratecard init DIR
      Start a rule set: a minimal valid one (one meter, one edition, one example) in DIR.
  ratecard import pricing2yaml FILE --out DIR
      Convert a Pricing2Yaml pricing (syntax 1.0 to 3.x) into a rule set in DIR/<id>/: plans
      become editions (per-user prices per seat, prices in words "no public price"), add-ons
      add-ons with their availableFor, dependsOn and excludes, features and usage limits
      entitlements and monthly quotas, billing periods billing modes with their discounts.
      Every field that does not map is listed on standard error with its line.
  ratecard validate [RULES_DIR]
      Check a rule set (a folder with ruleset.yaml) or every rule set in a folder.
      Prints every problem as  file:line:col  code  message.
  ratecard check [--format text|json] [RULES_DIR]
      Validate, then lint: unused meters and add-ons, zero prices, quotas above limits,
      unbuyable options, constant conditions, dominated editions, effective dates.
      Prints  file:line:col  severity  rule-id  message  with the source line; exit 1 on errors.
  ratecard test [--update] [RULES_DIR]
      Quote every example (RULES/<set>/examples/*.yaml, usage documents with an \`expect:\`)
      and show what differs from what it expects; exit 1 on any mismatch. --update rewrites
      the \`expect:\` of failing examples in place (comments and layout kept) and says what changed.
  ratecard dev [RULES_DIR]
      Watch a rule set (or a folder of them; default: ./rules, else .) and on every save
      validate, check and test it again, printing only what changed (+ new, - gone) and a
      summary line. Ctrl-C stops.
  ratecard diff [--format text|markdown] OLD NEW
  ratecard diff [--format text|markdown] --git REV DIR
      What changed between two versions of a rule set, in business terms (editions, fees,
      quotas, prices, eligibility, options, dates), and every example's old and new total.
  ratecard docs [--rules DIR] --out DIR [--month YYYY-MM] [--locale TAG]
      The customer site: for every rule set, Markdown pricing pages, one per billing mode, and
      a self-contained HTML page (opens from disk) with plan cards, the same tables and a price
      calculator that runs the same evaluator on the same rules. Amounts in the locale's format.
  ratecard docs --authors [--rules DIR] --out DIR
      The rule authors' reference (dsl.md), generated from the JSON Schemas.

Options:
  -h, --help     show this help (ratecard help COMMAND, or COMMAND --help: one command's)
  -v, --version  show the version

Exit status: 0 success (warnings included), 1 invalid rules or usage, 2 wrong command line.
`;

/** One example per command, shown by `ratecard COMMAND --help`. */
const EXAMPLES: Readonly<Record<string, string>> = {
  quote:
    "ratecard quote usage.yaml\n  ratecard quote --format json --lean usage.yaml\n  ratecard quote --batch usage.ndjson --jobs 2 > quotes.ndjson\n  ratecard quote --batch usage.ndjson --fields total,lines > totals.ndjson",
  explain: "ratecard explain usage.yaml",
  compare: "ratecard compare usage.yaml",
  recommend: 'ratecard recommend usage.yaml --need "seats>=10" --need "retention-days>=90"',
  subscriptions: 'ratecard subscriptions rules/my-product --need "seats>=10" --need "retention-days>=90"',
  init: "ratecard init rules/my-product",
  import: "ratecard import pricing2yaml pricing.yml --out rules",
  validate: "ratecard validate rules/",
  check: "ratecard check --format json rules/my-product",
  dev: "ratecard dev rules/my-product",
  test: "ratecard test rules/\n  ratecard test --update rules/my-product",
  diff: "ratecard diff old/my-product rules/my-product\n  ratecard diff --git HEAD rules/my-product",
  docs: "ratecard docs --out site --month 2026-10 --locale en-US\n  ratecard docs --authors --out docs",
  meter:
    "ratecard meter --events events.ndjson --period 2026-10 --ruleset my-product --customers customers.ndjson | ratecard quote --batch - --lean",
  bill: "ratecard bill --events events/ --period 2026-10 --ruleset my-product --customers customers.ndjson > bills.ndjson",
};

/** The help of one command: its lines of the overall help, and an example. */
export function commandHelp(name: string): string {
  const out: string[] = [];
  // A command's lines: its own, and the lines indented under them.
  let within = false;
  for (const line of HELP.split("\n")) {
    within =
      line.startsWith(`  ratecard ${name} `) || line === `  ratecard ${name}` || (within && line.startsWith("      "));
    if (within) out.push(line);
  }
  const example = Object.hasOwn(EXAMPLES, name) ? `\nExample:\n  ${EXAMPLES[name]}\n` : "";
  return `Usage:\n${out.join("\n")}\n${example}\nExit status: 0 success (warnings included), 1 invalid rules or usage, 2 wrong command line.\n`;
}
