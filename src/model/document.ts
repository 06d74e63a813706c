/**
 * Rule files as written, once they have passed JSON Schema validation.
 * Amounts are `number | string` here; compile turns them into Decimals.
 */
export type DecimalText = number | string;
export type LimitText = DecimalText | "unlimited";
export type Logic = unknown;

export interface RuleSetDoc {
  id: string;
  name: string;
  description?: string;
  source?: string;
  money: {
    currency: string;
    scale: number;
    rounding: "half-up" | "half-even" | "half-down" | "up" | "down";
    roundAt: "line" | "total";
  };
  billing: { cycle: "calendar-month"; settlement: { days: number; text?: string } };
  modes: string[];
  selection: { rules?: { mode: string; when: Logic }[]; default: string };
  migrations?: MigrationDoc[];
  /** Lint rule id → severity, overriding the rule's default. */
  lint?: Record<string, "error" | "warning" | "off">;
}

export interface MigrationDoc {
  from: string;
  to: string;
  fact: string;
  reversible: boolean;
  note?: string;
}

export interface ModeDoc {
  id: string;
  name: string;
  description?: string;
  effective?: { from?: string; until?: string; note?: string };
  retired?: { on: string; note?: string };
  available?: { when: Logic; message: string };
  planChanges?: PlanChangesDoc;
  meters: MeterDoc[];
  entitlements?: { id: string; name: string; unit?: string }[];
  editions: EditionDoc[];
  charges?: ChargeDoc[];
  addons?: AddonDoc[];
}

export interface PlanChangesDoc {
  proration: "none" | "daily";
  perMonth?: number;
  downgradeToFree?: boolean;
  note?: string;
}

export interface MeterDoc {
  id: string;
  name: string;
  description?: string;
  unit: string;
  plural?: string;
  aggregate: "max" | "sum" | "latest";
  integer?: boolean;
  required?: boolean;
}

export interface EditionDoc {
  id: string;
  name: string;
  description?: string;
  fee: "free" | DecimalText;
  validity?: "permanent" | "monthly";
  default?: boolean;
  quotas?: Record<string, { included?: DecimalText; limit?: DecimalText; note?: string }>;
  entitlements?: Record<string, LimitText>;
}

export interface ChargeDoc {
  id: string;
  name: string;
  description?: string;
  meter: string;
  editions?: string[];
  price: PriceDoc;
}

export interface TierDoc {
  upTo?: DecimalText;
  unitPrice: DecimalText;
  flatPrice?: DecimalText;
}

export type PriceDoc =
  | { model: "flat"; amount: DecimalText }
  | { model: "per-unit"; unitPrice: DecimalText; per?: DecimalText }
  | { model: "block"; blockSize: DecimalText; blockPrice: DecimalText; round?: "up" }
  | { model: "graduated"; tiers: TierDoc[] }
  | { model: "volume"; tiers: TierDoc[] }
  | { model: "free"; note: string; until?: string; then?: PriceDoc };

export type OptionCellDoc = DecimalText | "included" | "not-offered";

export interface OfferDoc {
  offered?: boolean;
  included?: boolean;
  reason?: string;
  price?: DecimalText;
  options?: Record<string, OptionCellDoc>;
  grants?: Record<string, LimitText>;
  note?: string;
}

export interface AddonDoc {
  id: string;
  name: string;
  description?: string;
  status?: "beta" | "ga";
  eligible?: { when: Logic; message: string };
  option?: { id: string; name: string; unit?: string; grants?: string };
  quantity?: { unit: string; max?: number };
  trial?: { days: DecimalText; note?: string };
  price?: DecimalText;
  options?: Record<string, OptionCellDoc>;
  grants?: Record<string, LimitText>;
  editions?: Record<string, OfferDoc>;
}
