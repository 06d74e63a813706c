import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quote, type Quote, type UsageDocument } from "../src/index.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";
import { HEAVY } from "./timeouts.js";

/**
 * Quotas and commitments for some cells of a meter with dimensions (`cells:`), and tiers counted
 * over the meter's cells (`count: meter`). Every amount below is worked out by hand in its comment.
 */
const STORAGE_METER = `meters:
  - id: storage
    name: Storage
    unit: GB
    plural: GB
    aggregate: sum
    integer: false
    dimensions:
      - { id: class, name: Class, values: [standard, cold] }
      - { id: region, name: Region, values: [eu, us] }
`;
const STORAGE_CHARGE = `charges:
  - id: storage
    name: Storage
    meter: storage
    prices:
      - { match: { class: standard }, price: { model: per-unit, unitPrice: 1 } }
      - { match: { class: cold }, price: { model: per-unit, unitPrice: 0.5 } }
`;
const storageRules = (edition: string) =>
  inlineRuleSet(
    "cells",
    `${STORAGE_METER}editions:\n  - { id: only, name: Only, fee: free, default: true, ${edition} }\n${STORAGE_CHARGE}`,
  );

const storageDoc = (storage: unknown, extra: Partial<UsageDocument> = {}): UsageDocument => ({
  ruleset: "cells",
  period: "2026-10",
  usage: { storage } as UsageDocument["usage"],
  ...extra,
});

const lines = (q: Quote) => q.lines.map((line) => `${line.id} ${line.quantity} ${line.amount}`);

describe("a quota or a commitment for some cells", () => {
  it.each([
    {
      name: "one quota for the standard cells only",
      edition: "quotas: { storage: { included: 5, cells: { class: standard } } }",
      usage: { standard: { eu: 3, us: 4 }, cold: { eu: 10, us: 0 } },
      // standard.eu 3 all included (2 left); standard.us 4 − 2 = 2 × 1.00; cold.eu 10 × 0.50 = 5.00 (the quota
      // does not reach cold); cold.us 0.
      expected: [
        "only 1 0.00",
        "storage.standard.eu 0 0.00",
        "storage.standard.us 2 2.00",
        "storage.cold.eu 10 5.00",
        "storage.cold.us 0 0.00",
      ],
      total: "7.00",
    },
    {
      name: "a list of quotas for different cells",
      edition:
        "quotas: { storage: [{ included: 5, cells: { class: standard } }, { included: 1, cells: { class: cold, region: us } }] }",
      usage: { standard: { eu: 3, us: 4 }, cold: { eu: 10, us: 3 } },
      // standard: 3 then 4 − 2 = 2 × 1.00 = 2.00; cold.eu 10 × 0.50 = 5.00; cold.us 3 − 1 = 2 × 0.50 = 1.00.
      expected: [
        "only 1 0.00",
        "storage.standard.eu 0 0.00",
        "storage.standard.us 2 2.00",
        "storage.cold.eu 10 5.00",
        "storage.cold.us 2 1.00",
      ],
      total: "8.00",
    },
    {
      name: "a commitment for the standard cells beside a quota for every cell",
      edition:
        "quotas: { storage: { included: 2 } }, commitment: { quantity: 6, meter: storage, unitPrice: 0.80, cells: { class: standard } }",
      usage: { standard: { eu: 3, us: 4 }, cold: { eu: 10, us: 3 } },
      // standard.eu 3: 2 from the quota, then 1 committed (5 left); standard.us 4: all committed (1 left);
      // cold.eu 10 and cold.us 3: the quota is used up and the commitment does not cover cold: 5.00 + 1.50.
      // The commitment: 6 × 0.80 = 4.80. Total 4.80 + 5.00 + 1.50 = 11.30.
      expected: [
        "only 1 0.00",
        "only-commitment 6 4.80",
        "storage.standard.eu 0 0.00",
        "storage.standard.us 0 0.00",
        "storage.cold.eu 10 5.00",
        "storage.cold.us 3 1.50",
      ],
      total: "11.30",
    },
    {
      name: "a quota whose cells are every cell, written as a list of values",
      edition: "quotas: { storage: { included: 5, cells: { region: [eu, us] } } }",
      usage: { standard: { eu: 3, us: 4 }, cold: { eu: 10, us: 0 } },
      // As a quota for every cell: standard.eu 3 included, standard.us 2 included, 2 × 1.00; cold.eu 5.00.
      expected: [
        "only 1 0.00",
        "storage.standard.eu 0 0.00",
        "storage.standard.us 2 2.00",
        "storage.cold.eu 10 5.00",
        "storage.cold.us 0 0.00",
      ],
      total: "7.00",
    },
  ])("$name", ({ edition, usage, expected, total }) => {
    const q = quote(storageRules(edition), storageDoc(usage));
    expect(lines(q)).toEqual(expected);
    expect(q.total).toBe(total);
  });

  it("explains a cell's share of a quota for some cells", () => {
    const rules = storageRules("quotas: { storage: { included: 5, cells: { class: standard } } }");
    const q = quote(rules, storageDoc({ standard: { eu: 3, us: 4 }, cold: { eu: 10, us: 0 } }), { explain: true });
    expect(q.trace!.filter((step) => step.rule === "charge/storage").map((step) => step.text)).toEqual([
      "total storage (class standard, region eu) 3 − 3 included = 0 × 1.00 = 0.00",
      "total storage (class standard, region us) 4 − 2 included = 2 × 1.00 = 2.00",
      "total storage (class cold, region eu) 10 × 0.50 = 5.00",
      "total storage (class cold, region us) 0 × 0.50 = 0.00",
    ]);
  });

  it("names the cells a commitment covers in its explanation", () => {
    const rules = storageRules(
      "commitment: { quantity: 6, meter: storage, unitPrice: 0.80, cells: { class: standard, region: [eu, us] } }",
    );
    const q = quote(rules, storageDoc({ standard: { eu: 3 } }), { explain: true });
    expect(q.lines.find((line) => line.id === "only-commitment")!.explanation).toBe(
      "Only commits to 6 GB (class standard, region eu or us) at 0.80 USD each, 4.80 USD a month whatever the usage; GB above it are billed every month at the usual price.",
    );
  });

  it.each([
    {
      name: "replaces the rules' quota on the same cells",
      overrides: { editions: { only: { quotas: { storage: { included: 7, cells: { class: "standard" } } } } } },
      // standard: 3 + 4 = 7, all included; cold.eu 10 × 0.50 = 5.00.
      total: "5.00",
    },
    {
      name: "adds a quota for other cells beside the rules' one",
      overrides: { editions: { only: { quotas: { storage: { included: 4, cells: { class: "cold" } } } } } },
      // standard as the rules: 2 × 1.00 = 2.00; cold.eu 10 − 4 = 6 × 0.50 = 3.00.
      total: "5.00",
    },
  ])("an agreed quota $name", ({ overrides, total }) => {
    const rules = storageRules("quotas: { storage: { included: 5, cells: { class: standard } } }");
    const usage = { standard: { eu: 3, us: 4 }, cold: { eu: 10, us: 0 } };
    expect(quote(rules, storageDoc(usage, { overrides })).total).toBe(total);
  });

  it("refuses an agreed quota that names other cells than the rules' quota but covers some of the same", () => {
    const rules = storageRules("quotas: { storage: { included: 5, cells: { class: standard } } }");
    // Not the rules' cells ({ class: standard }), so it is added beside that quota, and both cover standard.
    const overrides = {
      editions: { only: { quotas: { storage: [{ included: 20, cells: { class: ["standard", "cold"] } }] } } },
    };
    const doc = storageDoc({ standard: { eu: 3, us: 4 } }, { overrides });
    expect(problemsOf(() => quote(rules, doc)).map((p) => `${p.code} ${p.path.join(".")}`)).toEqual([
      "quota.overlap overrides.editions.only.quotas.storage",
    ]);
  });

  it("a selector covering every cell bills as the quota for every cell (property)", HEAVY, () => {
    const whole = storageRules("quotas: { storage: { included: 6 } }");
    const covering = [
      storageRules("quotas: { storage: { included: 6, cells: { class: [standard, cold] } } }"),
      storageRules("quotas: { storage: [{ included: 6, cells: { region: [eu, us], class: [cold, standard] } }] }"),
    ];
    const amount = fc.integer({ min: 0, max: 20 });
    fc.assert(
      fc.property(amount, amount, amount, amount, fc.constantFrom(0, 1), (a, b, c, d, which) => {
        const doc = storageDoc({ standard: { eu: a, us: b }, cold: { eu: c, us: d } });
        expect(quote(covering[which]!, doc, { explain: true })).toEqual(quote(whole, doc, { explain: true }));
      }),
      { numRuns: 60 },
    );
  });
});

const EGRESS = (price: string, edition = "") => `meters:
  - id: egress
    name: Egress
    unit: GB
    plural: GB
    aggregate: sum
    dimensions:
      - { id: region, name: Region, values: [eu, us, ap] }
editions:
  - { id: only, name: Only, fee: free, default: true${edition} }
charges:
  - { id: egress, name: Egress, meter: egress, price: ${price} }
`;
const GRADUATED = "tiers: [{ upTo: 10, unitPrice: 1 }, { upTo: 30, unitPrice: 0.5 }, { unitPrice: 0.25 }]";
const egressDoc: UsageDocument = { ruleset: "cells", period: "2026-10", usage: { egress: { eu: 8, us: 12, ap: 20 } } };

describe("tiers counted over the meter's cells", () => {
  it.each([
    {
      name: "graduated, by cell (today's default)",
      price: `{ model: graduated, ${GRADUATED} }`,
      // eu 8 × 1.00 = 8.00; us 10 × 1.00 + 2 × 0.50 = 11.00; ap 10 × 1.00 + 10 × 0.50 = 15.00.
      expected: ["egress.eu 8 8.00", "egress.us 12 11.00", "egress.ap 20 15.00"],
    },
    {
      name: "graduated over the meter",
      price: `{ model: graduated, count: meter, ${GRADUATED} }`,
      // eu fills 0–8: 8 × 1.00 = 8.00; us 8–20: 2 × 1.00 + 10 × 0.50 = 7.00; ap 20–40: 10 × 0.50 + 10 × 0.25 = 7.50.
      expected: ["egress.eu 8 8.00", "egress.us 12 7.00", "egress.ap 20 7.50"],
    },
    {
      name: "graduated over the meter, billable units after a quota for every cell",
      price: `{ model: graduated, count: meter, ${GRADUATED} }`,
      edition: ", quotas: { egress: { included: 5 } }",
      // eu 8 − 5 = 3 billable, 0–3: 3.00; us 12 billable, 3–15: 7 × 1.00 + 5 × 0.50 = 9.50;
      // ap 20, 15–35: 15 × 0.50 + 5 × 0.25 = 8.75.
      expected: ["egress.eu 3 3.00", "egress.us 12 9.50", "egress.ap 20 8.75"],
    },
    {
      name: "graduated over the meter, on the total, after a quota for every cell",
      price: `{ model: graduated, on: total, count: meter, ${GRADUATED} }`,
      edition: ", quotas: { egress: { included: 5 } }",
      // eu's units are 0–8, its first 5 included: 5–8 at 1.00 = 3.00; us 8–20: 2 × 1.00 + 10 × 0.50 = 7.00;
      // ap 20–40: 10 × 0.50 + 10 × 0.25 = 7.50.
      expected: ["egress.eu 3 3.00", "egress.us 12 7.00", "egress.ap 20 7.50"],
    },
    {
      name: "volume over the meter",
      price: `{ model: volume, count: meter, ${GRADUATED} }`,
      // The meter's 40 fall in the third tier: 8, 12 and 20 × 0.25 = 2.00, 3.00, 5.00.
      expected: ["egress.eu 8 2.00", "egress.us 12 3.00", "egress.ap 20 5.00"],
    },
    {
      name: "volume over the meter's billable units, after a quota for the eu cell",
      price: `{ model: volume, count: meter, ${GRADUATED} }`,
      edition: ", quotas: { egress: { included: 8, cells: { region: eu } } }",
      // 0 + 12 + 20 = 32 billable: the third tier, 0.25: 0.00, 3.00, 5.00.
      expected: ["egress.eu 0 0.00", "egress.us 12 3.00", "egress.ap 20 5.00"],
    },
    {
      name: "volume over the meter's total units, after a quota for the eu cell",
      price: `{ model: volume, on: total, count: meter, ${GRADUATED} }`,
      edition: ", quotas: { egress: { included: 10, cells: { region: [eu, us] } } }",
      // eu 8 included, us 2 included, 10 billable; the meter's 40 in all: the third tier, 0.25: 0.00, 2.50, 5.00.
      expected: ["egress.eu 0 0.00", "egress.us 10 2.50", "egress.ap 20 5.00"],
    },
  ])("$name", ({ price, edition, expected }) => {
    const q = quote(inlineRuleSet("cells", EGRESS(price, edition)), egressDoc);
    expect(lines(q).slice(1)).toEqual(expected);
  });

  it("says where a cell's units start in the tiers, and which total picked the volume tier", () => {
    const graduated = quote(
      inlineRuleSet("cells", EGRESS(`{ model: graduated, count: meter, ${GRADUATED} }`)),
      egressDoc,
      {
        explain: true,
      },
    );
    expect(graduated.trace!.filter((s) => s.rule === "charge/egress").map((s) => s.text)).toEqual([
      "total egress (region eu) 8 → graduated tiers: 8 × 1.00 = 8.00",
      "total egress (region us) 12 → graduated tiers counted over every region, after the 8 GB before these: 2 × 1.00 + 10 × 0.50 = 7.00",
      "total egress (region ap) 20 → graduated tiers counted over every region, after the 20 GB before these: 10 × 0.50 + 10 × 0.25 = 7.50",
    ]);
    const volume = quote(inlineRuleSet("cells", EGRESS(`{ model: volume, count: meter, ${GRADUATED} }`)), egressDoc, {
      explain: true,
    });
    expect(volume.lines.find((line) => line.id === "egress.us")!.explanation).toContain(
      "the volume price above 30 GB for the 40 GB of every region",
    );
  });
});

describe("check refuses cells that do not fit", () => {
  it.each([
    {
      name: "cells on a meter without dimensions",
      mode: `meters: [{ id: calls, name: Calls, unit: call, aggregate: sum }]
editions: [{ id: only, name: Only, fee: free, default: true, quotas: { calls: { included: 5, cells: { region: eu } } } }]
charges: [{ id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }]
`,
      problem: "dimension.match editions.0.quotas.calls.cells",
      says: "meter calls has no dimensions: it has one value, so leave `cells` out",
    },
    {
      name: "a dimension the meter does not have",
      mode: `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, quotas: { storage: { included: 5, cells: { tier: hot } } } }]\n${STORAGE_CHARGE}`,
      problem: "dimension.match editions.0.quotas.storage.cells.tier",
      says: 'names dimension "tier", which meter storage does not have; its dimensions: class, region',
    },
    {
      name: "a value the dimension does not take, in a list of values",
      mode: `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, quotas: { storage: [{ included: 5, cells: { class: [standard, hot] } }] } }]\n${STORAGE_CHARGE}`,
      problem: "dimension.match editions.0.quotas.storage.0.cells.class.1",
      says: '"hot", which is not a value of dimension class; it takes: standard, cold',
    },
    {
      name: "two quotas covering the same cell",
      mode: `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, quotas: { storage: [{ included: 5, cells: { class: standard } }, { included: 1, cells: { region: eu } }] } }]\n${STORAGE_CHARGE}`,
      problem: "quota.overlap editions.0.quotas.storage.1.cells",
      says: "quotas 1 and 2 on storage both cover class standard, region eu; a cell has one quota",
    },
    {
      name: "a misspelt dimension in a list of quotas (one problem: no overlap reported on top)",
      mode: `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, quotas: { storage: [{ included: 5, cells: { class: standard } }, { included: 1, cells: { clas: cold } }] } }]\n${STORAGE_CHARGE}`,
      problem: "dimension.match editions.0.quotas.storage.1.cells.clas",
      says: 'names dimension "clas", which meter storage does not have; did you mean "class"? its dimensions: class, region',
    },
    {
      name: "a quota for every cell beside one for some",
      mode: `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, quotas: { storage: [{ included: 5, cells: { class: cold } }, { included: 1 }] } }]\n${STORAGE_CHARGE}`,
      problem: "quota.overlap editions.0.quotas.storage.1",
      says: "quotas 1 and 2 on storage both cover class cold, region eu",
    },
    {
      name: "a commitment on a value the dimension does not take",
      mode: `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, commitment: { quantity: 5, meter: storage, unitPrice: 1, cells: { region: asia } } }]\n${STORAGE_CHARGE}`,
      problem: "dimension.match editions.0.commitment.cells.region",
      says: 'edition only\'s commitment names "asia", which is not a value of dimension region; it takes: eu, us',
    },
    {
      name: "a flat tier price counted over the meter",
      mode: EGRESS(
        "{ model: graduated, count: meter, tiers: [{ upTo: 10, unitPrice: 1, flatPrice: 5 }, { unitPrice: 0.5 }] }",
      ),
      problem: "tiers.count charges.0.price.tiers.0.flatPrice",
      says: "drop the flatPrice, or count by cell",
    },
  ])("$name", ({ mode, problem, says }) => {
    const problems = problemsOf(() => inlineRuleSet("cells", mode));
    expect(problems.map((p) => `${p.code} ${p.path.join(".")}`)).toEqual([problem]);
    expect(problems[0]!.message).toContain(says);
    expect(problems[0]!.source?.line).toBeGreaterThan(0);
  });

  it.each([
    {
      name: "cells with no dimension",
      quota: "{ included: 5, cells: {} }",
      code: "schema.size",
    },
    {
      name: "a value that is not an id",
      quota: "{ included: 5, cells: { class: 5 } }",
      code: "schema.invalid",
    },
    {
      name: "a misspelt field in a list of quotas",
      quota: "[{ included: 5, cell: { class: standard } }]",
      code: "schema.unknown-property",
    },
    {
      name: "a misspelt field in one quota, once (not again as a wrong kind of value)",
      quota: "{ included: 5, cell: { class: standard } }",
      code: "schema.unknown-property",
    },
    {
      name: "an empty list of quotas",
      quota: "[]",
      code: "schema.size",
    },
  ])("the schema refuses $name", ({ quota, code }) => {
    const mode = `${STORAGE_METER}editions: [{ id: only, name: Only, fee: free, default: true, quotas: { storage: ${quota} } }]\n${STORAGE_CHARGE}`;
    const problems = problemsOf(() => inlineRuleSet("cells", mode));
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0]!.source?.line).toBe(13); // the editions line
  });

  it("the schema refuses a count other than cell or meter", () => {
    const problems = problemsOf(() =>
      inlineRuleSet("cells", EGRESS(`{ model: graduated, count: total, ${GRADUATED} }`)),
    );
    expect(problems.map((p) => p.code)).toEqual(["schema.enum"]);
  });
});

describe("a quota for some cells in a customer's first months", () => {
  // 10 GB of standard storage free for 12 months from the sign-up day, none of cold. Signed up 2025-10-11:
  // October 2026 is the month the 12 months end (on 2026-10-11), so 10 of its 31 days are inside them.
  const rules = storageRules(
    "quotas: { storage: [{ included: 10, firstMonths: 12, cells: { class: standard } }, { included: 1, cells: { class: cold } }] }",
  );
  const usage = { standard: { eu: 20, us: 0 }, cold: { eu: 4, us: 0 } };
  it.each([
    // Month 7 of 12: standard.eu 20 − 10 = 10 × 1.00; cold.eu 4 − 1 = 3 × 0.50 = 1.50.
    ["2026-04", "2025-10-11", ["storage.standard.eu 10 10.00", "storage.cold.eu 3 1.50"], "11.50"],
    // The month it ends: 10 × 10 / 31 = 3.225806… → 3.225806 GB (the meter's 6 decimals, rounded down);
    // 20 − 3.225806 = 16.774194 × 1.00 = 16.77; cold as before.
    ["2026-10", "2025-10-11", ["storage.standard.eu 16.774194 16.77", "storage.cold.eu 3 1.50"], "18.27"],
    // After it: no standard quota; the cold quota has no end.
    ["2026-11", "2025-10-11", ["storage.standard.eu 20 20.00", "storage.cold.eu 3 1.50"], "21.50"],
  ])("in %s, signed up %s", (period, createdAt, expected, total) => {
    const q = quote(rules, storageDoc(usage, { period, app: { createdAt } }));
    expect(lines(q).filter((line) => line.startsWith("storage.") && !line.endsWith(" 0 0.00"))).toEqual(expected);
    expect(q.total).toBe(total);
  });

  it("without a sign-up day, is refused at app", () => {
    expect(problemsOf(() => quote(rules, storageDoc(usage)))).toEqual([
      expect.objectContaining({ code: "usage.date", path: ["app"] }),
    ]);
  });
});
