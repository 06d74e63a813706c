import type { RuleSet } from "../model/plan.js";
import { listed } from "../errors/format.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import { assertMapping, readArgument } from "../errors/ratecard-error.js";
import { assertString, guarded } from "../errors/entry.js";
import { assertRuleSet } from "../compile/compiled.js";
import { LIMITS } from "../guard/limits.js";
import type { EditionPlan, Limit, ModePlan } from "../model/plan.js";
import type { AddonChoices } from "../model/usage.js";
import type { Decimal } from "../money/decimal.js";
import { checkNeeds } from "./choose.js";
import { editionPrice } from "./edition-price.js";
import { grantsOf, higher } from "./entitlements.js";
import { meets, readNeeds, type Need } from "./needs.js";
import { editionAddons } from "./subscription-choices.js";
import { better, combine, emptyTable, groupTable, type Pick, type Table } from "./subscription-tables.js";

/** One subscription: a mode's edition and the add-ons bought with it, at its monthly price. */
export interface Subscription {
  /** The billing mode. */
  mode: string;
  /** The edition. */
  edition: string;
  /** The add-ons bought, as a usage document writes them (`true`, `{ days: 90 }`, `{ quantity: 1 }`). */
  addons: AddonChoices;
  /** Its monthly price at zero usage, anything sold by the unit counted for one unit (see {@link subscriptions}). */
  monthly: Decimal;
  /** The edition's fee per unit of a meter: `monthly` counts one unit; each further unit adds this. */
  perUnit?: {
    /** The price of one unit a month. */
    unitPrice: Decimal;
    /** The unit (`seat`). */
    unit: string;
  };
}

/** Counts of subscriptions, and the cheapest and dearest of them. */
export interface SubscriptionCount {
  /** How many subscriptions. */
  count: bigint;
  /** How many of them have a published price (an add-on without one leaves its sets unpriced). */
  priced: bigint;
  /** The cheapest priced subscription; absent when none is priced. */
  cheapest?: Subscription;
  /** The most expensive priced subscription. */
  mostExpensive?: Subscription;
}

/** What {@link subscriptions} finds. */
export interface SubscriptionSpace extends SubscriptionCount {
  /** Per mode (its latest price version), the subscriptions it offers. */
  modes: {
    /** The mode's id. */
    mode: string;
    /** The `effective.from` of the version counted, when it states one. */
    version?: string;
    /** Its subscriptions. */
    count: bigint;
  }[];
  /** The needs asked for. */
  needs: Need[];
  /** The subscriptions that meet every need; present when needs were given. */
  meetingNeeds?: SubscriptionCount;
}

/** Options of {@link subscriptions}. */
export interface SubscriptionOptions {
  /** Needs from `parseNeed`: count also the subscriptions that meet them all. */
  needs?: readonly Need[];
  /** Only this billing mode; default: every mode. */
  mode?: string;
}

/**
 * Counts every subscription of a rule set, for each mode its latest price version: an edition
 * plus a set of add-ons its rules allow (no add-ons is one). Each option value of an add-on is a
 * subscription of its own; an add-on sold by the unit is one choice (bought or not), priced at
 * one unit; an add-on an edition includes is part of it, not a choice (its own rules are not judged there;
 * other add-ons' rules see it as bought). Eligibility rules that read
 * usage or quantities are taken as met (some document meets them); rules read no app facts.
 *
 * Add-ons are split into groups whose rules read each other; independent groups multiply, and only
 * a group's own ways to buy are enumerated (at most 65,536 per group, else `subscriptions.group`).
 *
 * The monthly price is at zero usage, with anything sold by the unit counted for one unit (one
 * seat, one user: a subscription for one): the edition's fee (a fee billed every N months counts
 * as its Nth part; a fee per unit of a meter for one unit, restated in `perUnit`), a commitment, the add-ons' prices,
 * raised to a minimum spend and capped at a cap on the whole quote; discounts are left out. Ties
 * go to fewer add-ons, then to the first in rule order (modes, editions, add-ons and options as
 * listed, not buying before buying).
 * @throws RatecardError for a bad argument (`api.argument`), an unknown mode (`usage.mode`) or need (`usage.need`), or a group too large to enumerate.
 */
export function subscriptions(ruleSet: RuleSet, options: SubscriptionOptions = {}): SubscriptionSpace {
  return guarded(() => {
    assertRuleSet(ruleSet);
    const { needs, mode } = readOptions(options);
    checkNeeds(ruleSet, needs);
    const modes = [...ruleSet.modes].filter(([id]) => mode === undefined || id === mode);
    if (mode !== undefined && modes.length === 0)
      throw new RatecardError([
        {
          code: "usage.mode",
          message: `unknown mode "${clip(mode)}"; ${ruleSet.id} has: ${listed([...ruleSet.modes.keys()])}`,
          path: ["mode"],
        },
      ]);
    const all: Tallied = { count: 0n, priced: 0n };
    const meeting: Tallied = { count: 0n, priced: 0n };
    const byMode = modes.flatMap(([id, versions]) => {
      const version = versions.at(-1);
      if (!version) return [];
      const before = all.count;
      for (const edition of version.editions.values()) tallyEdition(version, edition, needs, all, meeting);
      return {
        mode: id,
        ...(version.effective?.from ? { version: version.effective.from } : {}),
        count: all.count - before,
      };
    });
    return { ...counted(all), modes: byMode, needs, ...(needs.length ? { meetingNeeds: counted(meeting) } : {}) };
  });
}

/** A running count with its best subscriptions so far. */
interface Tallied {
  count: bigint;
  priced: bigint;
  cheapest?: Subscription | undefined;
  mostExpensive?: Subscription | undefined;
}

const subscriptionKey = (s: Subscription) => ({ price: s.monthly, size: Object.keys(s.addons).length });

function counted({ count, priced, cheapest, mostExpensive }: Tallied): SubscriptionCount {
  return { count, priced, ...(cheapest ? { cheapest } : {}), ...(mostExpensive ? { mostExpensive } : {}) };
}

/** Adds one edition's subscriptions to the running counts: all of them, and those meeting every need. */
function tallyEdition(
  mode: ModePlan,
  edition: EditionPlan,
  needs: readonly Need[],
  all: Tallied,
  meeting: Tallied,
): void {
  const { included, groups } = editionAddons(mode, edition);
  const fixed = Object.fromEntries(included.map((addon) => [addon.id, true]));
  const held = new Map(edition.entitlements);
  for (const addon of included)
    for (const [key, limit] of grantsOf(addon, edition, {})) held.set(key, higher(held.get(key), limit));
  const maskOf = (limits: (id: string) => Limit | undefined) =>
    needs.reduce((mask, need, bit) => (meets(limits(need.entitlement), need) ? mask | (1 << bit) : mask), 0);
  const editionMask = maskOf((id) => held.get(id));
  const table = groups.reduce<Table>(
    (sofar, group) =>
      combine(
        sofar,
        groupTable(mode, edition.id, group, fixed, (choice) => maskOf((id) => choice.grants.get(id))),
      ),
    emptyTable(),
  );
  const price = editionPrice(mode, edition);
  // An edition priced on request has no published price, so none of its subscriptions has one.
  const onRequest = edition.fee.kind === "none" && edition.feeOnRequest !== undefined;
  const subscription = (pick: Pick | undefined): Subscription | undefined =>
    onRequest || !pick
      ? undefined
      : {
          mode: mode.id,
          edition: edition.id,
          addons: Object.fromEntries(pick.choices.map((choice) => [choice.addon.id, choice.value])),
          monthly: price.total(pick.price),
          ...(price.perUnit ? { perUnit: price.perUnit } : {}),
        };
  const full = (1 << needs.length) - 1;
  for (const [mask, tally] of table) {
    const into = [all, ...((editionMask | mask) === full ? [meeting] : [])];
    for (const sum of into) {
      sum.count += tally.count;
      if (!onRequest) sum.priced += tally.priced;
      sum.cheapest = better(sum.cheapest, subscription(tally.cheapest), false, subscriptionKey);
      sum.mostExpensive = better(sum.mostExpensive, subscription(tally.dearest), true, subscriptionKey);
    }
  }
}

function readOptions(options: SubscriptionOptions): { needs: Need[]; mode?: string } {
  assertMapping(options, "options", "{ needs?, mode? }");
  const { needs, mode } = readArgument("options", () => ({ needs: options.needs, mode: options.mode }));
  const checked = needs === undefined ? [] : readNeeds(needs);
  if (checked.length > LIMITS.subscriptionNeeds)
    throw new RatecardError([
      {
        code: "usage.need",
        message: `${checked.length} needs; subscriptions are counted for at most ${LIMITS.subscriptionNeeds}`,
        path: [],
      },
    ]);
  if (mode !== undefined) assertString(mode, "options.mode", 200);
  return { needs: checked, ...(mode !== undefined ? { mode } : {}) };
}
