import { describe, expect, it } from "vitest";
import { parseUsage, quote } from "../src/index.js";
import { problemsOf, tencent, tencentQuote } from "./helpers.js";

const OLD_APP = { createdAt: "2022-06-01" };

/** Each bad usage document is refused with one problem that names the field. */
describe("usage errors", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    // name, document (merged over a valid Pro document), code, words the message must contain
    ["unknown ruleset", { ruleset: "slack" }, "usage.ruleset", '"slack"'],
    ["unknown mode", { mode: "legacy" }, "usage.mode", 'unknown mode "legacy"'],
    ["unknown edition", { edition: "gold" }, "usage.edition", 'unknown edition "gold"'],
    ["an edition of the other mode", { edition: "standard" }, "usage.edition-other-mode", "belongs to mode current"],
    ["unknown meter", { usage: { dau: 1, groups: 1, logins: 5 } }, "usage.meter", "usage.logins"],
    ["a missing meter", { usage: { dau: 1 } }, "usage.meter-missing", "usage.groups is missing"],
    ["a negative value", { usage: { dau: -1, groups: 0 } }, "usage.value", "cannot be negative"],
    ["a fractional count", { usage: { dau: 10.5, groups: 0 } }, "usage.value", "whole users"],
    ["a non-numeric value", { usage: { dau: "lots", groups: 0 } }, "usage.value", "not a number"],
    ["a negative daily value", { usage: { dau: [1, -2], groups: 0 } }, "usage.value", "dau[1]"],
    [
      "too many daily values",
      { usage: { dau: new Array(31).fill(1), groups: 0 }, period: "2026-11" },
      "usage.value",
      "has 30 days",
    ],
    ["unknown add-on", { addons: { translation: true } }, "usage.addon", 'unknown add-on "translation"'],
    [
      "an add-on the edition is not eligible for",
      { edition: "free", usage: { dau: 1, groups: 1 }, addons: { "group-members": true } },
      "usage.addon-not-eligible",
      "only under the Pro and Ultimate",
    ],
    [
      "an add-on not offered in the edition",
      { edition: "ultimate", addons: { "avchatroom-unlimited": true } },
      "usage.addon-not-offered",
      "already has unlimited",
    ],
    [
      "an option not offered",
      { addons: { "message-retention": { days: 45 } } },
      "usage.option",
      "days 45 is not offered",
    ],
    ["an option value missing", { addons: { "message-retention": true } }, "usage.option", "needs days"],
    [
      "an option the edition does not sell",
      { edition: "ultimate", addons: { "message-retention": { days: 7 } } },
      "usage.option",
      "choose one of: 90, 180, 360",
    ],
    ["an unknown add-on setting", { addons: { "group-members": { size: 5 } } }, "usage.option", 'no setting "size"'],
    ["a trial without its activation date", { addons: { "av-call": true } }, "usage.date", "activatedAt"],
    [
      "an activation after the period",
      { addons: { "av-call": { activatedAt: "2026-11-02" } } },
      "usage.date",
      "after 2026-10",
    ],
    [
      "a month before the app existed",
      { app: { createdAt: "2026-11-02" }, mode: "current", edition: "standard", usage: { mau: 0 } },
      "usage.date",
      "did not exist",
    ],
    [
      "a migration before the app existed",
      { app: { createdAt: "2022-06-01", migratedAt: "2022-01-01" } },
      "usage.date",
      "before app.createdAt",
    ],
    ["a malformed period", { period: "2026-13" }, "schema.pattern", "period"],
    ["a period that is not a month", { period: "October" }, "schema.pattern", "YYYY-MM"],
    ["a malformed date", { app: { createdAt: "2022-02-30" } }, "schema.format", "app.createdAt"],
    ["a missing usage map", { usage: undefined }, "schema.required", "needs period and usage, or months"],
    [
      "the original mode for an app created after its retirement",
      { app: { createdAt: "2023-01-01" }, mode: "original" },
      "usage.mode-unavailable",
      "retired on 2022-12-26",
    ],
    [
      "going back after a one-way migration",
      { app: { createdAt: "2022-06-01", migratedAt: "2024-01-10" }, mode: "original" },
      "usage.mode-after-migration",
      "one-way",
    ],
    [
      "a mode whose prices are not yet in force",
      { app: { createdAt: "2022-06-01" }, mode: "current", edition: "standard", usage: { mau: 0 }, period: "2022-11" },
      "usage.mode-not-effective",
      "2022-12-26",
    ],
  ];
  it.each(cases)("%s", (_name, change, code, words) => {
    const document = {
      ruleset: "tencent-im",
      period: "2026-10",
      app: OLD_APP,
      edition: "pro",
      usage: { dau: 1, groups: 1 },
      ...change,
    };
    const problems = problemsOf(() => quote(tencent, document));
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0]!.message).toContain(words);
  });

  it("reports every problem of a document at once", () => {
    const problems = problemsOf(() =>
      tencentQuote({ app: OLD_APP, edition: "pro", usage: { dau: -1, groups: 1.5 }, addons: { nope: true } }),
    );
    expect(problems.map((p) => p.code).sort()).toEqual(["usage.addon", "usage.value", "usage.value"]);
  });

  it("points at the line and column of the field in a usage file", () => {
    const text = [
      "ruleset: tencent-im",
      "period: 2026-10",
      "app: { createdAt: 2022-06-01 }",
      "edition: pro",
      "usage:",
      "  dau: 100",
      "  groups: -4",
    ].join("\n");
    const problems = problemsOf(() => quote(tencent, parseUsage(text, "month.yaml")));
    expect(problems[0]).toMatchObject({
      code: "usage.value",
      path: ["usage", "groups"],
      source: { file: "month.yaml", line: 7, col: 11 },
    });
  });

  it("reports a YAML syntax error with its position", () => {
    const problems = problemsOf(() => parseUsage("ruleset: tencent-im\nusage: { dau: 1\n", "broken.yaml"));
    expect(problems[0]).toMatchObject({ code: "yaml.syntax", source: { file: "broken.yaml" } });
    expect(problems[0]!.source!.line).toBeGreaterThanOrEqual(2);
  });
});
