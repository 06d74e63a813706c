import type { ErrorCode, EvaluationContext, JsonValue, Provider, ResolutionDetails } from "@openfeature/server-sdk";
import type { ModePlan, Plan, RuleSet } from "../model/plan.js";
import { assertMapping, RatecardError, readArgument, refuseArgument } from "../errors/ratecard-error.js";
import { assertRuleSet } from "../compile/compiled.js";
import type { AddonChoices } from "../model/usage.js";
import type { EntitlementCheck } from "./entitlement-check.js";
import { heldEntitlements, type SubscriptionTerms } from "./entitlements.js";

/** Options of {@link RatecardProvider}. */
export interface RatecardProviderOptions {
  /** The billing mode when the evaluation context names none; default: the rule set's default mode. */
  mode?: string;
}

/** Subscriptions whose checks are kept; past it the cache starts again. */
const KEPT_SUBSCRIPTIONS = 1000;

/**
 * An OpenFeature provider (`@openfeature/server-sdk`, an optional peer dependency) serving a rule
 * set's entitlements as flags: an add-on id is a boolean flag (held or not), an entitlement id a
 * number flag (its limit; `Infinity` when unlimited) or a boolean one (a limit above zero). The
 * evaluation context carries the subscription: `edition`, optionally `mode` and `addons` (a list of
 * add-on ids, or a structure as a usage document writes it: `{ retention: { days: 90 } }`);
 * `targetingKey` is not needed. Errors follow the OpenFeature spec: a key that is neither is
 * `FLAG_NOT_FOUND`, a number asked of an add-on or a string or object asked of anything is
 * `TYPE_MISMATCH`, a subscription the rules refuse is `INVALID_CONTEXT`; each returns the default.
 * ```ts
 * await OpenFeature.setProviderAndWait(new RatecardProvider(ruleSet));
 * const client = OpenFeature.getClient();
 * await client.getBooleanValue("sso", false, { edition: "business", addons: ["sso"] }); // true
 * ```
 */
export class RatecardProvider implements Provider {
  /** The provider's name, as OpenFeature reports it. */
  readonly metadata: {
    /** `ratecard`. */
    readonly name: "ratecard";
  } = { name: "ratecard" };
  /** A server-side (dynamic context) provider. */
  readonly runsOn = "server" as const;
  private readonly ruleSet: Plan;
  private readonly mode: string | undefined;
  private readonly checks = new Map<string, { check: EntitlementCheck; mode: ModePlan } | RatecardError>();

  /** @throws RatecardError (`api.argument`) unless given a rule set from loadRuleSet() and options. */
  constructor(ruleSet: RuleSet, options: RatecardProviderOptions = {}) {
    assertRuleSet(ruleSet);
    assertMapping(options, "options", "{ mode? }");
    const mode = readArgument("options.mode", () => options.mode);
    if (mode !== undefined && typeof mode !== "string") refuseArgument("options.mode must be a mode id");
    this.ruleSet = ruleSet;
    this.mode = mode;
  }

  /** A boolean flag: an add-on held, or an entitlement above zero. */
  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(
      this.resolve(flagKey, defaultValue, context, (check, kind) => (kind ? check.can(flagKey) : undefined)),
    );
  }

  /** A number flag: an entitlement's limit (`Infinity` when unlimited); the default, with reason DEFAULT, when the subscription states none. */
  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    return Promise.resolve(
      this.resolve(flagKey, defaultValue, context, (check, kind) =>
        kind === "limit" ? (check.limit(flagKey) ?? null) : undefined,
      ),
    );
  }

  /** No flag is a string: `TYPE_MISMATCH` for a known key, else `FLAG_NOT_FOUND`. */
  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, () => undefined));
  }

  /** No flag is an object: `TYPE_MISMATCH` for a known key, else `FLAG_NOT_FOUND`. */
  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, () => undefined));
  }

  /**
   * @param answer the flag's value for a key of `kind`: undefined when the type does not fit, null when the subscription states none.
   */
  private resolve<T>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
    answer: (check: EntitlementCheck, kind: "feature" | "limit") => T | null | undefined,
  ): ResolutionDetails<T> {
    const held = this.checkFor(context);
    if (held instanceof RatecardError)
      return failure(defaultValue, "INVALID_CONTEXT", held.problems.map((p) => p.message).join("; "));
    const kind = held.mode.addons.has(flagKey) ? "feature" : held.mode.entitlements.has(flagKey) ? "limit" : undefined;
    if (!kind)
      return failure(
        defaultValue,
        "FLAG_NOT_FOUND",
        `${flagKey} is neither an add-on nor an entitlement of mode ${held.mode.id}`,
      );
    const value = answer(held.check, kind);
    if (value === undefined)
      return failure(
        defaultValue,
        "TYPE_MISMATCH",
        `${flagKey} is ${kind === "feature" ? "an add-on: a boolean flag" : "an entitlement: a number or boolean flag"}`,
      );
    if (value === null) return { value: defaultValue, reason: "DEFAULT" };
    return { value, reason: "TARGETING_MATCH" };
  }

  /** The checks of the context's subscription, built once per subscription; or why the rules refuse it. */
  private checkFor(context: EvaluationContext): { check: EntitlementCheck; mode: ModePlan } | RatecardError {
    const terms = termsOf(context, this.mode);
    const key = JSON.stringify(terms);
    let known = this.checks.get(key);
    if (known) return known;
    try {
      const { held, mode } = heldEntitlements(this.ruleSet, terms);
      known = { check: held.check, mode };
    } catch (error) {
      if (!(error instanceof RatecardError)) throw error;
      known = error;
    }
    if (this.checks.size >= KEPT_SUBSCRIPTIONS) this.checks.clear();
    this.checks.set(key, known);
    return known;
  }
}

function failure<T>(value: T, errorCode: `${ErrorCode}`, errorMessage: string): ResolutionDetails<T> {
  return { value, reason: "ERROR", errorCode: errorCode as ErrorCode, errorMessage };
}

/** The subscription an evaluation context describes; what is not a string or list is passed on for entitlements() to refuse. */
function termsOf(context: EvaluationContext, mode: string | undefined): SubscriptionTerms {
  const { edition, addons } = context;
  const chosen = context.mode ?? mode;
  const bought =
    Array.isArray(addons) && addons.every((id) => typeof id === "string")
      ? Object.fromEntries(addons.map((id) => [id, true]))
      : addons;
  return {
    edition: edition as string,
    ...(chosen !== undefined ? { mode: chosen as string } : {}),
    ...(bought !== undefined ? { addons: bought as AddonChoices } : {}),
  };
}
