import { join, relative } from "node:path";
import { stringify } from "yaml";
import { SCHEMAS_DIR } from "../../validate/schema-files.js";
import type { Catalog } from "./catalog.js";
import { idFrom } from "./ids.js";
import { addonFor, type AddonDraft } from "./map-addons.js";
import { editionsFor, type PlanDraft } from "./map-editions.js";
import type { BillingPeriod, PricingSource } from "./model.js";
import type { Mapping } from "./read-values.js";

export interface RuleSetDraft {
  id: string;
  pricing: PricingSource;
  catalog: Catalog;
  plans: readonly PlanDraft[];
  addons: readonly AddonDraft[];
}

/** The rule set's files by path within its folder, each with the schema line `init` writes. */
export function emitFiles(draft: RuleSetDraft, folder: string): Record<string, string> {
  const [first, ...later] = draft.pricing.periods;
  const modeFile = (period: BillingPeriod): ModeFile => ({ period, id: idFrom(period.key, "billing") });
  const modes: [ModeFile, ...ModeFile[]] = [modeFile(first), ...later.map(modeFile)];
  const files: Record<string, string> = {};
  const root = rootDocument(draft, modes);
  files["ruleset.yaml"] = text(folder, "ruleset.yaml", "ruleset", root);
  for (const { period, id } of modes)
    files[`modes/${id}.yaml`] = text(folder, `modes/${id}.yaml`, "mode", modeDocument(draft, period, id));
  return files;
}

/** A billing period and the id of the mode file written for it. */
interface ModeFile {
  period: BillingPeriod;
  id: string;
}

function rootDocument(draft: RuleSetDraft, modes: [ModeFile, ...ModeFile[]]): Mapping {
  const { pricing } = draft;
  const about = [
    pricing.version && `version ${pricing.version}`,
    pricing.createdAt && `modelled ${pricing.createdAt}`,
    pricing.url,
  ]
    .filter(Boolean)
    .join(", ");
  const monthly = modes.find((m) => m.period.months === 1) ?? modes[0];
  return {
    id: draft.id,
    name: pricing.name,
    description: `${pricing.name}, imported from a Pricing2Yaml pricing.`,
    source: `Pricing2Yaml pricing of ${pricing.name}${about ? ` (${about})` : ""}`,
    money: { currency: pricing.currency, scale: currencyScale(pricing.currency), rounding: "half-up", roundAt: "line" },
    billing: { cycle: "calendar-month" },
    modes: modes.map((m) => `modes/${m.id}.yaml`),
    selection: { default: monthly.id },
  };
}

function modeDocument(draft: RuleSetDraft, period: BillingPeriod, id: string): Mapping {
  const { catalog } = draft;
  const addons = draft.addons.map((addon) => addonFor(addon, period));
  return {
    id,
    name: period.months === 1 ? `Billed ${period.key}` : `Billed ${period.key} (${period.months} months in advance)`,
    description: modeDescription(period),
    meters: catalog.meters,
    ...(catalog.entitlements.length ? { entitlements: catalog.entitlements } : {}),
    editions: editionsFor(draft.plans, period, catalog),
    ...(addons.length ? { addons } : {}),
  };
}

function modeDescription(period: BillingPeriod): string {
  const factor = period.factor === "1" ? "" : ` at ${period.factor} × the monthly price`;
  if (period.months === 1) return `Plans and add-ons billed every month${factor}.`;
  return `Plan fees for ${period.months} months billed in advance${factor}; add-ons billed monthly${factor}.`;
}

function currencyScale(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

function text(folder: string, file: string, kind: string, document: Mapping): string {
  const schema = relative(join(folder, file, ".."), join(SCHEMAS_DIR, `${kind}.schema.json`));
  return `# yaml-language-server: $schema=${schema}\n${stringify(document, { lineWidth: 120 })}`;
}
