/**
 * Every problem ratecard reports has one of these codes, grouped by where it arises. The union
 * is closed so that programs can switch on it and tests can assert it; docs/dsl.md lists it.
 */
export const PROBLEM_CODE_GROUPS = [
  { title: "a library call with an argument of the wrong kind", codes: ["api.argument"] },
  {
    title: "reading any input: files, YAML, the shape and size of data",
    codes: [
      "file.not-found",
      "file.unreadable",
      "file.not-regular",
      "file.too-large",
      "file.encoding",
      "file.outside",
      "yaml.syntax",
      "yaml.tag",
      "yaml.alias",
      "input.depth",
      "input.size",
      "input.type",
      "ruleset.not-found",
      "ruleset.id",
    ],
  },
  {
    title: "writing output: a path that must be a folder is not one, cannot be created or written, or is taken",
    codes: ["file.not-folder", "file.unwritable", "file.exists"],
  },
  {
    title: "JSON Schema",
    codes: [
      "schema.required",
      "schema.type",
      "schema.enum",
      "schema.unknown-property",
      "schema.pattern",
      "schema.format",
      "schema.range",
      "schema.size",
      "schema.invalid",
    ],
  },
  { title: "conditions (JSON Logic)", codes: ["logic.operator", "logic.var", "logic.number"] },
  {
    title: "semantic checks on rule sets",
    codes: [
      "ref.unknown-mode",
      "ref.unknown-edition",
      "ref.unknown-meter",
      "ref.unknown-addon",
      "ref.unknown-entitlement",
      "ref.unknown-charge",
      "discount.percent",
      "dimension.limit",
      "fee.interval",
      "meter.events",
      "meter.percentile",
      "quota.per",
      "quota.fraction",
      "quota.daily",
      "quota.first-months",
      "discount.first-months",
      "quota.overlap",
      "commitment.meter",
      "dimension.prices",
      "dimension.match",
      "dimension.unpriced",
      "id.duplicate",
      "version.dates",
      "version.overlap",
      "default.count",
      "tiers.order",
      "tiers.unbounded",
      "tiers.fraction",
      "tiers.count",
      "option.unknown",
      "option.value",
      "option.included",
      "addon.conflict",
      "migration.cycle",
    ],
  },
  {
    title: "usage documents",
    codes: [
      "usage.ruleset",
      "usage.mode",
      "usage.mode-unavailable",
      "usage.mode-not-effective",
      "usage.mode-after-migration",
      "usage.edition",
      "usage.edition-other-mode",
      "usage.meter",
      "usage.meter-missing",
      "usage.value",
      "usage.addon",
      "usage.addon-not-eligible",
      "usage.addon-not-offered",
      "usage.option",
      "usage.quantity",
      "usage.date",
      "usage.change",
      "usage.months",
      "usage.need",
      "usage.coupon",
      "usage.override",
      "usage.dimension",
      "usage.customer",
    ],
  },
  {
    title:
      "counting subscriptions: add-ons tied together by their rules into more ways to buy them than are enumerated",
    codes: ["subscriptions.group"],
  },
  {
    title: "importing a pricing written in another format (Pricing2Yaml)",
    codes: ["import.invalid", "import.reference", "import.unmapped"],
  },
  {
    title: "an events engine that is not installed, or a server that cannot be reached",
    codes: ["engine.unavailable"],
  },
  { title: "a fault of ratecard itself, reported rather than thrown as something else", codes: ["internal"] },
] as const;

/** The code of a problem: one of the closed list above. */
export type ProblemCode = (typeof PROBLEM_CODE_GROUPS)[number]["codes"][number];

/** Codes of the warnings a quote may carry. A warning never changes a price. */
export type WarningCode =
  | "cell.unpriced"
  | "fee.in-advance"
  | "fee.on-request"
  | "limit.exceeded"
  | "meter.other-mode"
  | "addon.unpriced"
  | "trial.ends-in-period"
  | "offer.ended"
  | "mode.migrated-in-period"
  | "period.partly-effective"
  | "override.unused";
