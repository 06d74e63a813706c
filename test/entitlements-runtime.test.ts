import { OpenFeature, type Client, type EvaluationContext } from "@openfeature/server-sdk";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entitlements, loadRuleSet, loadRuleSetFromData, RatecardProvider } from "../src/index.js";
import { problemsOf, RULES, saas, tencent } from "./helpers.js";

const sources = (found: ReturnType<typeof entitlements>) =>
  found.limits.map(
    (l) =>
      `${l.id}=${l.limit === "unlimited" ? l.limit : l.limit.toFixed()} from ${l.from.kind === "edition" ? "edition" : `${l.from.addon}${l.from.included ? " (included)" : ""}`}`,
  );

describe("entitlements at run time", () => {
  it("tencent-im Pro with more members and 180 days of retention: each limit with where it comes from", () => {
    const found = entitlements(tencent, {
      mode: "original",
      edition: "pro",
      addons: { "group-members": true, "message-retention": { days: 180 } },
    });
    expect(sources(found)).toEqual([
      "members-per-group=2000 from group-members",
      "groups-per-user=500 from edition",
      "av-groups=50 from edition",
      "retention-days=180 from message-retention",
    ]);
    expect(found.features.map((f) => `${f.id}${f.option ? ` ${f.option}` : ""}`)).toEqual([
      "group-members",
      "message-retention 180",
    ]);
    expect(found.quotas.map((q) => `${q.meter} ${q.included?.toFixed()}`)).toEqual(["dau 10000", "groups 100000"]);
    const { check } = found;
    expect([
      check.can("group-members"),
      check.can("avchatroom-unlimited"),
      check.can("retention-days"),
      check.can("nothing"),
    ]).toEqual([true, false, true, false]);
    expect([check.limit("members-per-group"), check.limit("retention-days"), check.limit("nothing")]).toEqual([
      2000,
      180,
      undefined,
    ]);
  });

  it("unlimited is Infinity; the default mode is the rule set's", () => {
    const found = entitlements(tencent, { edition: "premium" });
    expect([found.mode, found.check.limit("av-groups"), found.check.can("av-groups")]).toEqual([
      "current",
      Number.POSITIVE_INFINITY,
      true,
    ]);
  });

  it("an add-on an edition includes is held, from that add-on", () => {
    const found = entitlements(saas, { edition: "enterprise" });
    expect(found.features.map((f) => [f.id, f.from])).toEqual([
      ["sso", { kind: "addon", addon: "sso", included: true }],
    ]);
    expect(found.check.can("sso")).toBe(true);
  });

  it("usage, when given, judges rules on usage and computes allotments per unit", () => {
    const api = loadRuleSet(join(RULES, "example-api"));
    expect(entitlements(api, { edition: "team", addons: { sso: true } }).check.can("sso")).toBe(true);
    expect(
      problemsOf(() => entitlements(api, { edition: "team", addons: { sso: true }, usage: { seats: 3 } })).map(
        (p) => p.code,
      ),
    ).toEqual(["usage.addon-not-eligible"]);
    const monitor = loadRuleSet(join(RULES, "infra-monitor"));
    const quota = (usage?: Record<string, number>) =>
      entitlements(monitor, { edition: "pro", ...(usage ? { usage } : {}) }).quotas[0]!;
    expect([quota({ hosts: 7 }).included?.toFixed(), quota().included, quota().includedPer?.amount.toFixed()]).toEqual([
      "700",
      undefined,
      "100",
    ]);
  });

  it("lists quotas for some cells of a meter with the cells they cover, after the whole-meter ones", () => {
    const store = loadRuleSet(join(RULES, "object-store"));
    const listed = (edition: string) =>
      entitlements(store, { mode: "pay-as-you-go", edition }).quotas.map((q) => ({
        meter: q.meter,
        cells: q.cells,
        included: q.included?.toFixed(),
        firstMonths: q.firstMonths,
      }));
    expect(listed("standard")).toEqual([
      { meter: "egress", cells: undefined, included: "100", firstMonths: undefined },
      { meter: "standard-storage", cells: undefined, included: "5", firstMonths: 12 },
      { meter: "requests", cells: { class: ["standard"], kind: ["write"] }, included: "2000", firstMonths: 12 },
      { meter: "requests", cells: { class: ["standard"], kind: ["read"] }, included: "20000", firstMonths: 12 },
    ]);
    expect(listed("reserved").map((q) => [q.meter, q.cells?.kind, q.included])).toEqual([
      ["egress", undefined, "100"],
      ["requests", ["read"], "10000000"],
      ["requests", ["write"], "1000000"],
    ]);
  });

  it.each([
    ["an unknown mode", { mode: "nope", edition: "pro" }, ["usage.mode"]],
    ["an unknown edition", { mode: "original", edition: "nope" }, ["usage.edition"]],
    [
      "an unknown add-on and one not eligible",
      { mode: "original", edition: "free", addons: { nope: true, "group-members": true } },
      ["usage.addon", "usage.addon-not-eligible"],
    ],
    [
      "an add-on not offered",
      { mode: "original", edition: "ultimate", addons: { "avchatroom-unlimited": true } },
      ["usage.addon-not-offered"],
    ],
    [
      "an option value not offered",
      { mode: "original", edition: "ultimate", addons: { "message-retention": { days: 30 } } },
      ["usage.option"],
    ],
    ["a missing option", { mode: "original", edition: "pro", addons: { "message-retention": true } }, ["usage.option"]],
    ["no edition", { mode: "original" }, ["api.argument"]],
    ["add-ons as a list", { edition: "pro", addons: ["x"] }, ["api.argument"]],
    ["a Date in the terms", { edition: "pro", usage: { dau: new Date() } }, ["input.type"]],
    ["usage that is not a number", { mode: "original", edition: "pro", usage: { dau: "many" } }, ["usage.value"]],
  ])("%s is refused", (_, terms, codes) => {
    expect(problemsOf(() => entitlements(tencent, terms as never)).map((p) => p.code)).toEqual(codes);
  });
});

describe("the OpenFeature provider, through the SDK", () => {
  let client: Client;
  beforeAll(async () => {
    await OpenFeature.setProviderAndWait(new RatecardProvider(tencent, { mode: "original" }));
    client = OpenFeature.getClient();
  });
  afterAll(async () => {
    await OpenFeature.close();
  });
  const pro = { edition: "pro", addons: ["group-members", "avchatroom-unlimited"] };

  it("boolean flags for add-ons and entitlements, number flags for limits", async () => {
    expect(await client.getBooleanValue("group-members", false, pro)).toBe(true);
    expect(await client.getBooleanValue("groups-per-user", false, pro)).toBe(true);
    expect(await client.getBooleanValue("message-retention", true, pro)).toBe(false);
    expect(await client.getNumberValue("members-per-group", 0, pro)).toBe(2000);
    expect(await client.getNumberValue("av-groups", 0, pro)).toBe(Number.POSITIVE_INFINITY);
    expect(
      await client.getNumberValue("retention-days", 0, {
        edition: "pro",
        addons: { "message-retention": { days: 360 } },
      }),
    ).toBe(360);
    const details = await client.getNumberDetails("members-per-group", 0, pro);
    expect([details.reason, details.errorCode]).toEqual(["TARGETING_MATCH", undefined]);
  });

  const errors: [string, "boolean" | "number" | "string" | "object", string, EvaluationContext, string][] = [
    ["an unknown flag", "boolean", "dark-mode", pro, "FLAG_NOT_FOUND"],
    ["a number asked of an add-on", "number", "group-members", pro, "TYPE_MISMATCH"],
    ["a string asked of an entitlement", "string", "members-per-group", pro, "TYPE_MISMATCH"],
    ["an object asked of an add-on", "object", "group-members", pro, "TYPE_MISMATCH"],
    ["a context without an edition", "boolean", "group-members", { targetingKey: "user-1" }, "INVALID_CONTEXT"],
    [
      "an add-on the edition cannot buy",
      "boolean",
      "group-members",
      { edition: "free", addons: ["group-members"] },
      "INVALID_CONTEXT",
    ],
  ];
  it.each(errors)("%s: the default, reason ERROR, %s", async (_, type, key, context, code) => {
    const details =
      type === "boolean"
        ? await client.getBooleanDetails(key, false, context)
        : type === "number"
          ? await client.getNumberDetails(key, -1, context)
          : type === "string"
            ? await client.getStringDetails(key, "d", context)
            : await client.getObjectDetails(key, { d: 1 }, context);
    expect([details.value, details.reason, details.errorCode]).toEqual([
      { boolean: false, number: -1, string: "d", object: { d: 1 } }[type],
      "ERROR",
      code,
    ]);
  });

  it("a limit neither the edition nor an add-on states: the default, reason DEFAULT", async () => {
    const ruleSet = loadRuleSetFromData({
      "ruleset.yaml": {
        id: "flags",
        name: "Flags",
        money: { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line" },
        billing: { cycle: "calendar-month" },
        modes: ["modes/main.yaml"],
        selection: { default: "main" },
      },
      "modes/main.yaml": {
        id: "main",
        name: "Main",
        meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
        entitlements: [{ id: "seats", name: "Seats" }],
        editions: [{ id: "basic", name: "Basic", fee: "free", default: true }],
        addons: [{ id: "more", name: "More", price: 1, grants: { seats: 5 } }],
      },
    });
    const provider = new RatecardProvider(ruleSet);
    const [without, bought] = await Promise.all([
      provider.resolveNumberEvaluation("seats", 1, { edition: "basic" }),
      provider.resolveNumberEvaluation("seats", 1, { edition: "basic", addons: ["more"] }),
    ]);
    expect([without.value, without.reason, bought.value, bought.reason]).toEqual([1, "DEFAULT", 5, "TARGETING_MATCH"]);
  });

  it("a bad rule set or options is refused when the provider is made", () => {
    expect(problemsOf(() => new RatecardProvider({} as never)).map((p) => p.code)).toEqual(["api.argument"]);
    expect(problemsOf(() => new RatecardProvider(tencent, { mode: 5 } as never)).map((p) => p.code)).toEqual([
      "api.argument",
    ]);
  });
});
