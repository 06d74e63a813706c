/** A usage value: a number, or a decimal string for values a JSON number cannot hold exactly. */
export type Quantity = number | string;

/** A month of usage to quote (usage.schema.json). */
export interface UsageDocument {
  name?: string;
  description?: string;
  /** What an example expects; used by `ratecard test`, ignored by quote. */
  expect?: { total: string; lines?: Record<string, string>; warnings?: string[] };
  ruleset: string;
  period: string;
  app?: { createdAt?: string; migratedAt?: string; [fact: string]: string | number | boolean | undefined };
  mode?: string;
  edition?: string;
  usage: Record<string, Quantity | Quantity[]>;
  addons?: AddonChoices;
  /** A forecast: several months, each with its own period and usage. */
  months?: { period: string; usage: UsageDocument["usage"]; edition?: string; addons?: AddonChoices; changes?: UsageDocument["changes"] }[];
  /** Edition and add-on changes during the month, in date order. */
  changes?: { on: string; edition?: string; addons?: AddonChoices }[];
}

/** Add-on id → true to buy it, false to leave it out, or its settings. */
export type AddonChoices = Record<string, boolean | { activatedAt?: string; [option: string]: string | number | undefined }>;
