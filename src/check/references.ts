import type { ProblemCode } from "../errors/codes.js";
import type { DocPath, Problem } from "../errors/problem.js";
import type { Sourced } from "../validate/read-ruleset.js";
import type { ModeDoc } from "../model/document.js";
import { didYouMean, listed } from "../errors/format.js";
import { idsOf, problemIn, type Check } from "./context.js";

type Kind = "mode" | "meter" | "edition" | "addon" | "entitlement";

const CODES: Record<Kind, ProblemCode> = {
  mode: "ref.unknown-mode",
  meter: "ref.unknown-meter",
  edition: "ref.unknown-edition",
  addon: "ref.unknown-addon",
  entitlement: "ref.unknown-entitlement",
};

/** Every id a rule refers to exists where it is looked up. */
export const references: Check = {
  id: "references",
  description: "Modes, meters, editions, add-ons and entitlements that rules name are defined.",
  run({ root, modes }) {
    const problems: Problem[] = [];
    const modeIds = modes.map((m) => m.doc.id);
    const expect = (
      sourced: Sourced<unknown>,
      kind: Kind,
      known: string[],
      id: string,
      path: DocPath,
      on: "value" | "key" = "value",
    ) => {
      if (!known.includes(id))
        problems.push(
          problemIn(
            sourced,
            path,
            CODES[kind],
            `unknown ${kind} "${id}"; ${didYouMean(id, known)}known: ${listed(known)}`,
            on,
          ),
        );
    };
    root.doc.selection.rules?.forEach((rule, i) =>
      expect(root, "mode", modeIds, rule.mode, ["selection", "rules", i, "mode"]),
    );
    expect(root, "mode", modeIds, root.doc.selection.default, ["selection", "default"]);
    root.doc.migrations?.forEach((migration, i) => {
      expect(root, "mode", modeIds, migration.from, ["migrations", i, "from"]);
      expect(root, "mode", modeIds, migration.to, ["migrations", i, "to"]);
      if (migration.from === migration.to)
        problems.push(
          problemIn(
            root,
            ["migrations", i, "to"],
            "migration.cycle",
            `a migration cannot go from mode "${migration.from}" to itself`,
          ),
        );
    });
    for (const mode of modes) checkMode(mode, expect);
    return problems;
  },
};

type Expect = (
  sourced: Sourced<unknown>,
  kind: Kind,
  known: string[],
  id: string,
  path: DocPath,
  on?: "value" | "key",
) => void;

function checkMode(mode: Sourced<ModeDoc>, expect: Expect): void {
  const meters = idsOf(mode.doc, "meters");
  const editions = idsOf(mode.doc, "editions");
  const entitlements = idsOf(mode.doc, "entitlements");
  const keys = (record: object | undefined, kind: Kind, known: string[], path: DocPath) => {
    for (const id of Object.keys(record ?? {})) expect(mode, kind, known, id, [...path, id], "key");
  };
  mode.doc.editions.forEach((edition, i) => {
    keys(edition.quotas, "meter", meters, ["editions", i, "quotas"]);
    keys(edition.entitlements, "entitlement", entitlements, ["editions", i, "entitlements"]);
    if (typeof edition.fee === "object") expect(mode, "meter", meters, edition.fee.per, ["editions", i, "fee", "per"]);
  });
  mode.doc.charges?.forEach((charge, i) => {
    expect(mode, "meter", meters, charge.meter, ["charges", i, "meter"]);
    charge.editions?.forEach((id, j) => expect(mode, "edition", editions, id, ["charges", i, "editions", j]));
  });
  mode.doc.addons?.forEach((addon, i) => {
    keys(addon.editions, "edition", editions, ["addons", i, "editions"]);
    keys(addon.grants, "entitlement", entitlements, ["addons", i, "grants"]);
    if (addon.option?.grants)
      expect(mode, "entitlement", entitlements, addon.option.grants, ["addons", i, "option", "grants"]);
    const max = addon.quantity?.max;
    if (typeof max === "object" && Object.hasOwn(max, "usage"))
      expect(mode, "meter", meters, (max as { usage: string }).usage, ["addons", i, "quantity", "max", "usage"]);
    if (typeof max === "object" && Object.hasOwn(max, "per"))
      expect(mode, "meter", meters, (max as { per: string }).per, ["addons", i, "quantity", "max", "per"]);
    if (typeof max === "object" && Object.hasOwn(max, "addon")) {
      const byQuantity = (mode.doc.addons ?? []).filter((other) => other.quantity).map((other) => other.id);
      expect(mode, "addon", byQuantity, (max as { addon: string }).addon, ["addons", i, "quantity", "max", "addon"]);
    }
    for (const [id, offer] of Object.entries(addon.editions ?? {}))
      keys(offer.grants, "entitlement", entitlements, ["addons", i, "editions", id, "grants"]);
  });
}
