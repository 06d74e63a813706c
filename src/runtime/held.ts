import type { Limit } from "../model/plan.js";
import type { Decimal } from "../money/decimal.js";

/** Where something a customer has comes from: the edition, or an add-on (bought, or included in the edition). */
export type EntitlementSource =
  | {
      /** The edition states it. */
      kind: "edition";
    }
  | {
      /** An add-on grants it. */
      kind: "addon";
      /** The add-on's id. */
      addon: string;
      /** The edition includes the add-on (it is not bought). */
      included: boolean;
    };

/** An add-on the customer has, as a feature. */
export interface HeldFeature {
  /** The add-on's id. */
  id: string;
  /** Its name. */
  name: string;
  /** Bought, or included in the edition. */
  from: EntitlementSource;
  /** The option value chosen (`90` days), for an add-on with options. */
  option?: string;
  /** Units bought, for an add-on sold by the unit. */
  quantity?: number;
}

/** An entitlement at the highest limit the subscription grants. */
export interface HeldLimit {
  /** The entitlement's id. */
  id: string;
  /** Its name. */
  name: string;
  /** Its unit, when the rules state one. */
  unit?: string;
  /** The highest limit the edition or a held add-on grants: a Decimal or `unlimited`. */
  limit: Limit;
  /** Where that limit comes from. */
  from: EntitlementSource;
}

/** A meter's quota in the edition. */
export interface HeldQuota {
  /** The meter's id. */
  meter: string;
  /** The meter's name. */
  name: string;
  /** For a quota of some cells of a meter with dimensions: dimension id → the values it covers (a dimension not named: every value). Absent: every cell. */
  cells?: Record<string, string[]>;
  /** Included every month: for an allotment per unit of another meter, computed from the usage given (absent without it). */
  included?: Decimal;
  /** An allotment per unit of another meter, as the rules state it. */
  includedPer?: {
    /** The meter whose units each bring an allotment. */
    meter: string;
    /** The allotment per unit. */
    amount: Decimal;
  };
  /** A daily allowance, as the rules state it: each day's usage less it is billed (no `included` then). */
  includedPerDay?: Decimal;
  /** The included quantity (or daily allowance) is granted only in a customer's first N months from the sign-up day. */
  firstMonths?: number;
  /** A hard cap: usage above it is blocked, not billed. */
  limit?: Decimal;
}
