import fc from "fast-check";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { entitlementsOf } from "../src/decide/entitlements.js";
import { meets } from "../src/decide/needs.js";
import {
  loadRuleSet,
  loadRuleSetFromData,
  parseNeed,
  quote,
  RatecardError,
  subscriptions,
  type RuleSet,
} from "../src/index.js";
import type { AddonChoices } from "../src/model/usage.js";
import { Decimal } from "../src/money/decimal.js";
import { cli, planOf, problemsOf, RULES, valueOrRefusal } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

/** A rule set of one mode `main` with one meter, from the mode's editions, add-ons and entitlements. */
function ruleSetOf(mode: Record<string, unknown>): RuleSet {
  return loadRuleSetFromData({
    "ruleset.yaml": {
      id: "gen",
      name: "Generated",
      money: { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line" },
      billing: { cycle: "calendar-month", settlement: { days: 3 } },
      modes: ["modes/main.yaml"],
      selection: { default: "main" },
    },
    "modes/main.yaml": {
      id: "main",
      name: "Main",
      meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
      ...mode,
    },
  });
}

const edition = (id: string, fee: string | number, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  fee,
  ...(id === "e0" ? { default: true } : {}),
  ...extra,
});
const strings = (space: ReturnType<typeof subscriptions>) => ({
  count: space.count.toString(),
  priced: space.priced.toString(),
  cheapest:
    space.cheapest &&
    `${space.cheapest.edition} ${JSON.stringify(space.cheapest.addons)} ${space.cheapest.monthly.toFixed()}`,
  mostExpensive:
    space.mostExpensive &&
    `${space.mostExpensive.edition} ${JSON.stringify(space.mostExpensive.addons)} ${space.mostExpensive.monthly.toFixed()}`,
});

describe("subscriptions: counted by hand", () => {
  it.each([
    // tencent-im original: free buys nothing (every add-on needs Pro or Ultimate): 1. Pro: 3 plain add-ons (×2 each),
    // retention not or one of 4 options (×5), the audio/video call (×2): 80. Ultimate: AvChatRoom not offered, 2 plain (×4),
    // retention 3 options (×4), the call (×2): 32. current: 3 editions × the call or not: 6. The call has no published price.
    { id: "tencent-im", count: "119", priced: "60", modes: ["original 113", "current 6"] },
    // starter: the dedicated IP or not: 2. business: {none, sso, sso+audit 90, sso+audit 365} (the audit log needs sso)
    // × extra domains × dedicated IP: 16. enterprise (sso included): audit 3 ways × 2 × 2: 12.
    { id: "example-saas", count: "30", priced: "30", modes: ["standard 30"] },
    // payg: sandboxes or not (sso needs Team or Scale): 2; team and scale: sso × sandboxes: 4 each.
    { id: "example-api", count: "10", priced: "10", modes: ["usage-based 10"] },
    // three editions (pro, enterprise, enterprise-annual), each with or without the profiler, sold by the container.
    { id: "infra-monitor", count: "6", priced: "6", modes: ["by-host 6"] },
  ])("$id: $count subscriptions", ({ id, count, priced, modes }) => {
    const space = subscriptions(loadRuleSet(join(RULES, id)));
    expect([space.count.toString(), space.priced.toString()]).toEqual([count, priced]);
    expect(space.modes.map((m) => `${m.mode} ${m.count}`)).toEqual(modes);
  });

  it("tencent-im: the cheapest and dearest, and the cheapest meeting two needs", () => {
    const tencent = loadRuleSet(join(RULES, "tencent-im"));
    const space = subscriptions(tencent, {
      needs: [parseNeed("members-per-group>=2000"), parseNeed("retention-days>=90")],
    });
    expect(strings(space)).toEqual({
      count: "119",
      priced: "60",
      cheapest: "free {} 0",
      mostExpensive:
        'pro {"avchatroom-unlimited":true,"group-members":true,"groups-per-user":true,"message-retention":{"days":360}} 1989.95',
    });
    // Pro 449.99 + members 239.99 + 90 days 179.99 = 869.97 beats Ultimate 899.99 + 90 days 99.99 = 999.98.
    expect(strings({ ...space, ...space.meetingNeeds! })).toMatchObject({
      cheapest: 'pro {"group-members":true,"message-retention":{"days":90}} 869.97',
    });
    // Pro: members (×1) × retention 90/180/360 (×3) × the rest (2×2×2) = 72? No: AvChatRoom ×2, groups per user ×2, call ×2 → 3×8 = 24;
    // Ultimate (members 2000 already): members ×2, groups per user ×2, retention 3 ways, call ×2 = 24. Half of each with the unpriced call.
    expect([space.meetingNeeds!.count, space.meetingNeeds!.priced]).toEqual([48n, 24n]);
  });

  it("requires, excludes, options, included and not-offered add-ons", () => {
    const ruleSet = ruleSetOf({
      entitlements: [{ id: "days", name: "Days" }],
      editions: [edition("e0", "free", { entitlements: { days: 7 } }), edition("e1", 10)],
      addons: [
        { id: "a", name: "A", price: 1 },
        { id: "b", name: "B", price: 2, eligible: { when: { "!!": { var: "addons.a" } }, message: "B needs A" } },
        { id: "c", name: "C", price: 4, eligible: { when: { "!": { var: "addons.a" } }, message: "C excludes A" } },
        { id: "d", name: "D", option: { id: "days", name: "Days", grants: "days" }, options: { 30: 5, 90: 8 } },
        { id: "e", name: "E", editions: { e0: { offered: false }, e1: { included: true } } },
      ],
    });
    // a, b, c: {}, a, a+b, c = 4 (b without a, and a with c, are refused); d: none, 30, 90 = 3; e: not a choice.
    // Dearest: e1 10 + c 4 + d 90 days 8 = 22 (a + b cost 3).
    const space = subscriptions(ruleSet);
    expect(strings(space)).toEqual({
      count: "24",
      priced: "24",
      cheapest: "e0 {} 0",
      mostExpensive: 'e1 {"c":true,"d":{"days":90}} 22',
    });
    const needing = subscriptions(ruleSet, { needs: [parseNeed("days>=30")] }).meetingNeeds!;
    expect([needing.count, needing.cheapest?.monthly.toFixed()]).toEqual([16n, "5"]);
  });

  it("40 independent add-ons: 2^40 × 3 editions counted exactly at once", () => {
    const addons = Array.from({ length: 40 }, (_, i) => ({ id: `a${i}`, name: `A${i}`, price: `${i + 1}.01` }));
    const ruleSet = ruleSetOf({ editions: [edition("e0", "free"), edition("e1", 10), edition("e2", 20)], addons });
    // Enumerating 3 × 2^40 sets would never end within the test's timeout: the count comes from the groups.
    const space = subscriptions(ruleSet);
    expect(space.count).toBe(3n * 2n ** 40n);
    // 20 + (1.01 + … + 40.01) = 20 + 820 + 0.40.
    expect([space.cheapest?.monthly.toFixed(), space.mostExpensive?.monthly.toFixed()]).toEqual(["0", "840.4"]);
  });

  it("a fee per seat is counted for one seat, as an add-on sold by the seat is", () => {
    const ruleSet = ruleSetOf({
      meters: [{ id: "seats", name: "Seats", unit: "seat", aggregate: "max" }],
      editions: [edition("e0", 5), edition("e1", 0, { fee: { unitPrice: "17.50", per: "seats" } })],
      addons: [{ id: "a", name: "A", price: 3, quantity: { unit: "seat" } }],
    });
    // e0: 5, 5 + 3; e1: 17.50 for one seat, 17.50 + 3. The dearest is e1 with A, not e0 with A.
    const space = subscriptions(ruleSet);
    expect(strings(space)).toEqual({
      count: "4",
      priced: "4",
      cheapest: "e0 {} 5",
      mostExpensive: 'e1 {"a":{"quantity":1}} 20.5',
    });
    expect(space.mostExpensive?.perUnit?.unitPrice.toFixed(2)).toBe("17.50");
  });

  it("an edition priced on request is counted but has no published price", () => {
    const ruleSet = ruleSetOf({
      editions: [edition("e0", 5), edition("e1", "none", { feeOnRequest: "Contact sales" })],
      addons: [{ id: "a", name: "A", price: 1 }],
    });
    // e0: {}, a = 2 priced; e1: {}, a = 2 unpriced. The dearest priced is e0 + a = 6, never e1.
    expect(strings(subscriptions(ruleSet))).toEqual({
      count: "4",
      priced: "2",
      cheapest: "e0 {} 5",
      mostExpensive: 'e0 {"a":true} 6',
    });
  });

  it("a group of tied add-ons past the limit is refused with subscriptions.group", () => {
    // 17 add-ons that each read all the others: 2^17 ways in one group.
    const addons: Record<string, unknown>[] = Array.from({ length: 17 }, (_, i) => ({
      id: `a${i}`,
      name: `A${i}`,
      price: 1,
      eligible: { when: { "!": { var: "addons.x" } }, message: "not with x" },
    }));
    addons.push({
      id: "x",
      name: "X",
      price: 1,
      eligible: { when: { "!": { missing: ["addons.a0"] } }, message: "reads all" },
    });
    const problems = problemsOf(() => subscriptions(ruleSetOf({ editions: [edition("e0", 1)], addons })));
    expect(problems.map((p) => p.code)).toEqual(["subscriptions.group"]);
  });

  it.each([
    ["an unknown mode", { mode: "nope" }, "usage.mode"],
    ["an unknown need", { needs: [parseNeed("nope>=1")] }, "usage.need"],
    ["needs that are not a list", { needs: "x" }, "api.argument"],
    ["13 needs", { needs: Array.from({ length: 13 }, () => parseNeed("members-per-group>=1")) }, "usage.need"],
    ["a mode that is not a string", { mode: 5 }, "api.argument"],
  ])("%s is refused", (_, options, code) => {
    const tencent = loadRuleSet(join(RULES, "tencent-im"));
    expect(problemsOf(() => subscriptions(tencent, options as never)).map((p) => p.code)).toEqual([code]);
  });

  it("--mode counts one mode", () => {
    const space = subscriptions(loadRuleSet(join(RULES, "tencent-im")), { mode: "current" });
    expect([space.count, space.modes.length]).toEqual([6n, 1]);
  });
});

/**
 * A generated add-on: its price or options, where it is offered or included, and what it requires or excludes.
 * An add-on with options is never included: a usage document cannot list one (no option to give), so no document
 * could meet a rule that requires it.
 */
const addonArb = (i: number, others: number) =>
  fc
    .record({
      kind: fc.constantFrom("plain", "option", "quantity"),
      price: fc.constantFrom(0, 1, 2.5, 7),
      offer: fc.constantFrom("everywhere", "not-in-e0", "included-in-e1", "unpriced-in-e1"),
      rule:
        others > 0
          ? fc.constantFrom("none", "requires", "excludes", "only-e0", "requires-option")
          : fc.constant("none"),
      other: fc.nat({ max: Math.max(0, others - 1) }),
      grant: fc.constantFrom(0, 5, 20),
    })
    .map((g): { editions?: object } & Record<string, unknown> => {
      const other = `a${g.other >= i ? g.other + 1 : g.other}`;
      const rule =
        g.rule === "requires"
          ? { "!!": { var: `addons.${other}` } }
          : g.rule === "excludes"
            ? { "!": { var: `addons.${other}` } }
            : g.rule === "only-e0"
              ? { "==": [{ var: "edition" }, "e0"] }
              : g.rule === "requires-option"
                ? { "==": [{ var: `addons.${other}.level` }, 2] }
                : undefined;
      const grants = g.grant && g.kind !== "option" ? { grants: { ent: g.grant } } : {};
      const priced = {
        ...(g.kind === "option" ? { options: { 1: g.price, 2: g.price + 1 } } : { price: g.price }),
        ...grants,
      };
      const offers =
        g.offer === "not-in-e0"
          ? { e0: { offered: false }, e1: priced, e2: priced }
          : g.offer === "included-in-e1" && g.kind !== "option"
            ? { e0: priced, e1: { included: true, ...grants }, e2: priced }
            : g.offer === "unpriced-in-e1"
              ? { e0: priced, e1: grants, e2: priced }
              : undefined;
      return {
        id: `a${i}`,
        name: `A${i}`,
        ...(g.kind === "option" ? { option: { id: "level", name: "Level", grants: "level" } } : {}),
        ...(g.kind === "quantity" ? { quantity: { unit: "unit" } } : {}),
        ...(offers ? { editions: offers } : priced),
        // An included add-on's own rules do not apply where it is included (it is not bought); a document listing it would have them judged.
        ...(rule && g.offer !== "included-in-e1" ? { eligible: { when: rule, message: "rule" } } : {}),
      };
    });

const modeArb = fc.integer({ min: 0, max: 4 }).chain((n) =>
  fc.record({
    editions: fc.integer({ min: 1, max: 3 }),
    addons: fc.tuple(...Array.from({ length: n }, (_, i) => addonArb(i, n - 1))),
    need: fc.constantFrom(0, 1, 5, 20),
  }),
);

/** Every document buying each add-on or not (each option value in turn), quoted at zero usage: the oracle. */
function bruteForce(ruleSet: RuleSet, needAtLeast: number) {
  const mode = planOf(ruleSet).modes.get("main")![0]!;
  const found = {
    count: 0n,
    priced: 0n,
    min: undefined as Decimal | undefined,
    max: undefined as Decimal | undefined,
    meeting: 0n,
    meetingMin: undefined as Decimal | undefined,
  };
  for (const edition of mode.editions.values()) {
    const ways = [...mode.addons.values()].map((addon): AddonChoices[string][] => {
      const offer = addon.offers.get(edition.id)!;
      if (offer.kind === "not-offered") return [false];
      if (offer.kind === "included") return [addon.quantity ? { quantity: 1 } : true];
      if (addon.option)
        return [false, ...[...(offer.options ?? new Map()).keys()].map((value) => ({ level: Number(value) }))];
      return [false, addon.quantity ? { quantity: 1 } : true];
    });
    const sets: AddonChoices[] = ways.reduce<AddonChoices[]>(
      (sofar, values, i) => sofar.flatMap((set) => values.map((value) => ({ ...set, [`a${i}`]: value }))),
      [{}],
    );
    for (const addons of sets) {
      const q = valueOrRefusal(() =>
        quote(ruleSet, { ruleset: "gen", period: "2026-10", edition: edition.id, addons, usage: { calls: 0 } }),
      );
      if (q instanceof RatecardError) {
        if (q.problems.every((p) => p.code.startsWith("usage.addon"))) continue;
        throw q;
      }
      const total = new Decimal(q.total);
      const unpriced = q.warnings.some((w) => w.code === "addon.unpriced");
      found.count++;
      const meetsNeed =
        needAtLeast === 0 ||
        meets(entitlementsOf(mode, edition, addons).get("ent"), {
          entitlement: "ent",
          atLeast: new Decimal(needAtLeast),
        });
      if (meetsNeed) found.meeting++;
      if (unpriced) continue;
      found.priced++;
      found.min = found.min && found.min.lte(total) ? found.min : total;
      found.max = found.max && found.max.gte(total) ? found.max : total;
      if (meetsNeed) found.meetingMin = found.meetingMin && found.meetingMin.lte(total) ? found.meetingMin : total;
    }
  }
  return found;
}

describe("subscriptions: the count by groups equals enumerating every document", () => {
  it(
    "on generated rule sets, with and without a need",
    () => {
      fc.assert(
        fc.property(modeArb, ({ editions, addons, need }) => {
          const ruleSet = valueOrRefusal(() =>
            ruleSetOf({
              entitlements: [
                { id: "ent", name: "Ent" },
                { id: "level", name: "Level" },
              ],
              editions: [
                edition("e0", "free", { entitlements: { ent: 1 } }),
                edition("e1", 10),
                edition("e2", "12.5", { entitlements: { ent: 20 } }),
              ].slice(0, editions),
              ...(addons.length
                ? {
                    addons: addons.map((a) => ({
                      ...a,
                      ...(a.editions
                        ? { editions: Object.fromEntries(Object.entries(a.editions).slice(0, editions)) }
                        : {}),
                    })),
                  }
                : {}),
            }),
          );
          // Fewer editions can leave an add-on with options priced nowhere: such rules are refused at load.
          fc.pre(!(ruleSet instanceof RatecardError));
          const expected = bruteForce(ruleSet, need);
          const space = subscriptions(ruleSet, need ? { needs: [parseNeed(`ent>=${need}`)] } : {});
          expect([
            space.count,
            space.priced,
            space.cheapest?.monthly.toFixed(),
            space.mostExpensive?.monthly.toFixed(),
          ]).toEqual([expected.count, expected.priced, expected.min?.toFixed(), expected.max?.toFixed()]);
          const meeting = space.meetingNeeds ?? space;
          expect([meeting.count, meeting.cheapest?.monthly.toFixed()]).toEqual([
            expected.meeting,
            (need ? expected.meetingMin : expected.min)?.toFixed(),
          ]);
        }),
        { numRuns: 150 },
      );
    },
    HEAVY.timeout,
  );
});

describe("ratecard subscriptions", () => {
  const TENCENT = join(RULES, "tencent-im");

  it("prints the count, the cheapest and the most expensive, and with two needs the same among those that meet them", async () => {
    const { code, stdout } = await cli([
      "subscriptions",
      TENCENT,
      "--need",
      "members-per-group>=2000",
      "--need",
      "retention-days>=90",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("Subscriptions of tencent-im: 119 (60 with a published price)");
    expect(stdout).toContain("Meeting members-per-group>=2000, retention-days>=90: 48 (24 with a published price)");
    expect(stdout).toMatch(
      /Cheapest meeting the needs +original +pro +group-members \+ message-retention \(90\) +869\.97\n/,
    );
  });

  it("--format json carries count, cheapest and mostExpensive, counts as decimal strings and amounts exact", async () => {
    const { code, stdout } = await cli([
      "subscriptions",
      "--format",
      "json",
      "--mode",
      "usage-based",
      join(RULES, "example-api"),
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      count: "10",
      priced: "10",
      cheapest: { edition: "payg", monthly: "0.00" },
      mostExpensive: { edition: "scale", monthly: "2000.00" },
    });
    expect(result.modes).toEqual([{ mode: "usage-based", count: "10" }]);
  });

  it.each([
    [["subscriptions"], 2, "ratecard: subscriptions takes one rule-set folder"],
    [["subscriptions", "--format", "xml", TENCENT], 2, 'ratecard: --format must be table or json, not "xml"'],
    [
      ["subscriptions", "--ned", "x>=1", TENCENT],
      2,
      "ratecard: unknown option --ned (did you mean --need?); see 'ratecard subscriptions --help'",
    ],
    [["subscriptins", TENCENT], 2, 'ratecard: unknown command "subscriptins" (did you mean "subscriptions"?)'],
    [["subscriptions", "--need", "nope>=1", TENCENT], 1, "usage.need"],
  ])("%j exits %i", async (args, exit, first) => {
    const { code, stderr } = await cli(args);
    expect([code, stderr.split("\n")[0]]).toEqual([exit, expect.stringContaining(first)]);
  });

  it("ratecard help subscriptions shows its usage and an example", async () => {
    const { code, stdout } = await cli(["help", "subscriptions"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage:\n {2}ratecard subscriptions \[--need KEY>=VALUE \.\.\.\]/);
    expect(stdout).toMatch(/\nExample:\n {2}ratecard subscriptions /);
  });
});
