import type { HeldFeature, HeldLimit } from "./held.js";

/**
 * Checks on one subscription, built once and then answered from two maps: fast enough to call on
 * every request (see bench/entitlements.bench.ts).
 */
export class EntitlementCheck {
  private readonly allowed = new Map<string, boolean>();
  private readonly limits = new Map<string, number>();

  /** @internal built by `entitlements()` */
  constructor(features: readonly HeldFeature[], limits: readonly HeldLimit[]) {
    for (const { id, limit } of limits) {
      // An entitlement limit (members, days, seats), not money: exact below 2^53.
      const value = limit === "unlimited" ? Number.POSITIVE_INFINITY : limit.toNumber();
      this.limits.set(id, value);
      this.allowed.set(id, value > 0);
    }
    for (const { id } of features) this.allowed.set(id, true);
  }

  /** Whether the subscription has `feature`: an add-on held, or an entitlement above zero. False for anything else. */
  can(feature: string): boolean {
    return this.allowed.get(feature) === true;
  }

  /** An entitlement's limit: a number, `Infinity` when unlimited, undefined when neither the edition nor an add-on states it. */
  limit(entitlement: string): number | undefined {
    return this.limits.get(entitlement);
  }
}
