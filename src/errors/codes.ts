/**
 * Every problem ratecard reports has one of these codes. The union is closed so
 * that programs can switch on it and tests can assert it.
 */
export type ProblemCode =
  // a library call with an argument of the wrong kind
  | "api.argument"
  // reading any input: files, YAML, the shape and size of data
  | "file.not-found"
  | "file.unreadable"
  | "file.not-regular"
  | "file.too-large"
  | "file.encoding"
  | "file.outside"
  // writing output: a path that must be a folder is not one, cannot be created or written, or is taken
  | "file.not-folder"
  | "file.unwritable"
  | "file.exists"
  | "yaml.syntax"
  | "yaml.tag"
  | "yaml.alias"
  | "input.depth"
  | "input.size"
  | "input.type"
  | "ruleset.not-found"
  | "ruleset.id"
  // JSON Schema
  | "schema.required"
  | "schema.type"
  | "schema.enum"
  | "schema.unknown-property"
  | "schema.pattern"
  | "schema.format"
  | "schema.range"
  | "schema.size"
  | "schema.invalid"
  | "logic.operator"
  | "logic.var"
  | "logic.number"
  // semantic checks on rule sets
  | "ref.unknown-mode"
  | "ref.unknown-edition"
  | "ref.unknown-meter"
  | "ref.unknown-addon"
  | "ref.unknown-entitlement"
  | "ref.unknown-charge"
  | "discount.percent"
  | "dimension.limit"
  | "fee.interval"
  | "meter.events"
  | "dimension.prices"
  | "dimension.match"
  | "dimension.unpriced"
  | "id.duplicate"
  | "version.dates"
  | "version.overlap"
  | "default.count"
  | "tiers.order"
  | "tiers.unbounded"
  | "option.unknown"
  | "option.value"
  | "addon.conflict"
  | "migration.cycle"
  // usage documents
  | "usage.ruleset"
  | "usage.mode"
  | "usage.mode-unavailable"
  | "usage.mode-not-effective"
  | "usage.mode-after-migration"
  | "usage.edition"
  | "usage.edition-other-mode"
  | "usage.meter"
  | "usage.meter-missing"
  | "usage.value"
  | "usage.addon"
  | "usage.addon-not-eligible"
  | "usage.addon-not-offered"
  | "usage.option"
  | "usage.date"
  | "usage.change"
  | "usage.months"
  | "usage.need"
  | "usage.coupon"
  | "usage.override"
  | "usage.dimension"
  | "usage.customer"
  // an events engine that is not installed, or a server that cannot be reached
  | "engine.unavailable"
  // a fault of ratecard itself, reported rather than thrown as something else
  | "internal";

/** Codes of the warnings a quote may carry. A warning never changes a price. */
export type WarningCode =
  "cell.unpriced" | "fee.in-advance" | "limit.exceeded" | "meter.other-mode" | "addon.unpriced" | "trial.ends-in-period" | "offer.ended" | "mode.migrated-in-period" | "period.partly-effective";
