import type { DocPath } from "../../errors/problem.js";
import type { Mapping } from "./read-values.js";

/** A price as Pricing2Yaml gives it: an amount, or words such as "Contact sales" (no public price). */
export type SourcePrice = { kind: "amount"; amount: string } | { kind: "text"; text: string } | { kind: "missing" };

/** A billing option: its months and the factor on the monthly price (`billing: { annual: 0.9 }`). */
export interface BillingPeriod {
  key: string;
  months: 1 | 3 | 6 | 12;
  factor: string;
}

export interface FeatureSource {
  key: string;
  path: DocPath;
  description?: string;
  valueType: unknown;
  defaultValue: unknown;
}

export interface LimitSource extends FeatureSource {
  unit?: string;
  /** Renews every month: a monthly quota rather than a standing limit. */
  monthly: boolean;
  linkedFeatures: string[];
}

/** What plans and add-ons share: a price per billing period, a unit, feature and limit values. */
export interface OfferSource {
  key: string;
  path: DocPath;
  description?: string;
  /** The monthly price, which billing factors apply to. */
  price: SourcePrice;
  /** Monthly prices given per period length in months (syntax 1.x `annualPrice`), which win over price × factor. */
  periodPrices: Readonly<Partial<Record<number, SourcePrice>>>;
  unit?: string;
  features: Mapping;
  limits: Mapping;
}

export interface AddonSource extends OfferSource {
  availableFor?: string[];
  dependsOn: string[];
  excludes: string[];
  extensions: Mapping;
  constraints?: Mapping;
}

export interface PricingSource {
  name: string;
  currency: string;
  version?: string;
  createdAt?: string;
  url?: string;
  periods: [BillingPeriod, ...BillingPeriod[]];
  features: FeatureSource[];
  limits: LimitSource[];
  plans: OfferSource[];
  addons: AddonSource[];
}
