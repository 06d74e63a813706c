import { RatecardError } from "../errors/ratecard-error.js";
import { LIMITS } from "../guard/limits.js";
import type { ModePlan } from "../model/plan.js";
import { type Decimal, ZERO } from "../money/decimal.js";
import { conditionFacts, type AddonChoice, type ChoosableAddon } from "./subscription-choices.js";

/** A set of add-on choices with its monthly price. */
export interface Pick {
  price: Decimal;
  choices: readonly AddonChoice[];
}

/** What is known of the add-on sets that meet one combination of needs. */
interface Tally {
  count: bigint;
  /** How many of them have a published price. */
  priced: bigint;
  cheapest?: Pick | undefined;
  dearest?: Pick | undefined;
}

/** Tallies by the needs met (a bit per need): a table of add-on sets. */
export type Table = Map<number, Tally>;

/** The table of no add-ons at all: one empty set, free. */
export function emptyTable(): Table {
  return new Map([
    [0, { count: 1n, priced: 1n, cheapest: { price: ZERO, choices: [] }, dearest: { price: ZERO, choices: [] } }],
  ]);
}

/**
 * The better of two by price (lower, or higher when `dearer`). Ties go to fewer add-ons, then to
 * the first (add-ons in rule order, not buying before buying, options in listed order). Fewer
 * add-ons adds up over groups; "first" holds within each group.
 */
export function better<T>(
  a: T | undefined,
  b: T | undefined,
  dearer: boolean,
  key: (x: T) => { price: Decimal; size: number },
): T | undefined {
  if (!a || !b) return a ?? b;
  const [x, y] = [key(a), key(b)];
  const order = x.price.comparedTo(y.price) * (dearer ? -1 : 1) || x.size - y.size;
  return order <= 0 ? a : b;
}

const pickKey = (pick: Pick) => ({ price: pick.price, size: pick.choices.length });

function add(table: Table, mask: number, tally: Tally): void {
  const known = table.get(mask);
  if (!known) return void table.set(mask, tally);
  table.set(mask, {
    count: known.count + tally.count,
    priced: known.priced + tally.priced,
    cheapest: better(known.cheapest, tally.cheapest, false, pickKey),
    dearest: better(known.dearest, tally.dearest, true, pickKey),
  });
}

/** Two independent tables combined: every set of one beside every set of the other. */
export function combine(a: Table, b: Table): Table {
  const out: Table = new Map();
  for (const [maskA, x] of a) {
    for (const [maskB, y] of b) {
      const join = (p: Pick | undefined, q: Pick | undefined) =>
        p && q ? { price: p.price.plus(q.price), choices: [...p.choices, ...q.choices] } : undefined;
      add(out, maskA | maskB, {
        count: x.count * y.count,
        priced: x.priced * y.priced,
        cheapest: join(x.cheapest, y.cheapest),
        dearest: join(x.dearest, y.dearest),
      });
    }
  }
  return out;
}

/**
 * The table of one group of add-ons whose rules read each other: every way to take each (or
 * not) enumerated and judged by those rules. Refused past LIMITS.subscriptionGroup ways.
 * @param maskOf the needs a choice meets, as bits.
 */
export function groupTable(
  mode: ModePlan,
  edition: string,
  group: readonly ChoosableAddon[],
  fixed: Readonly<Record<string, unknown>>,
  maskOf: (choice: AddonChoice) => number,
): Table {
  const radix = group.map((item) => item.choices.length + 1);
  const ways = radix.reduce((a, b) => a * b, 1);
  if (ways > LIMITS.subscriptionGroup) {
    const ids = group.map((item) => item.addon.id);
    throw new RatecardError([
      {
        code: "subscriptions.group",
        message: `mode ${mode.id}, edition ${edition}: ${ids.length} add-ons (${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}) are tied together by their rules into ${ways.toLocaleString("en-US")} ways to buy them, more than the ${LIMITS.subscriptionGroup.toLocaleString("en-US")} that are enumerated`,
        path: [],
      },
    ]);
  }
  const table: Table = new Map();
  // A counter per add-on: 0 for not taken, k for its kth choice; they run through every way like digits.
  const counters = group.map((item) => ({ item, digit: 0 }));
  for (let way = 0; way < ways; way++) {
    const chosen = counters.flatMap(({ item, digit }) => {
      const choice = digit > 0 ? item.choices[digit - 1] : undefined;
      return choice ? [choice] : [];
    });
    if (allowed(mode, edition, chosen, counters, fixed)) {
      const prices = chosen.flatMap((c) => (c.price === undefined ? [] : [c.price]));
      const priced = prices.length === chosen.length;
      const pick = priced
        ? { price: prices.reduce((sum, price) => sum.plus(price), ZERO), choices: chosen }
        : undefined;
      add(
        table,
        chosen.reduce((mask, c) => mask | maskOf(c), 0),
        { count: 1n, priced: priced ? 1n : 0n, cheapest: pick, dearest: pick },
      );
    }
    for (const counter of counters) {
      counter.digit = (counter.digit + 1) % (counter.item.choices.length + 1);
      if (counter.digit !== 0) break;
    }
  }
  return table;
}

/** Whether every bought add-on's rules hold with this group's choices and the edition's fixed add-ons. */
function allowed(
  mode: ModePlan,
  edition: string,
  chosen: readonly AddonChoice[],
  counters: readonly { item: ChoosableAddon; digit: number }[],
  fixed: Readonly<Record<string, unknown>>,
): boolean {
  const addons: Record<string, unknown> = { ...fixed };
  for (const choice of chosen) addons[choice.addon.id] = choice.value;
  const facts = conditionFacts(mode, edition, addons);
  return counters.every(({ item, digit }) => digit === 0 || item.rules.every((rule) => rule.when(facts)));
}
