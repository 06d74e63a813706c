import { chargePrices } from "../../model/document.js";
import type { DocPath } from "../../errors/problem.js";
import { Decimal } from "../../money/decimal.js";
import type { DecimalText, PriceDoc } from "../../model/document.js";
import { defineRule } from "../rule.js";

const isZero = (value: DecimalText | undefined) => value !== undefined && new Decimal(value).isZero();

export const nonPositivePrice = defineRule({
  id: "non-positive-price",
  description:
    "A price of 0 in a priced model hides intent: say `model: free` with a note, `fee: free`, or `included: true`, so documents and quotes can say why it is free.",
  defaultSeverity: "warning",
  messages: {
    charge: "charge {charge} has a {model} price of 0; use `model: free` with a note instead",
    tiers: "every tier of charge {charge} costs 0; use `model: free` with a note instead",
    fee: "edition {edition} has a fee of 0; write `fee: free`",
    addon: "add-on {addon} costs 0; mark it `included: true` with a reason, or give its price",
  },
  run({ files }, report) {
    for (const mode of files.modes) {
      mode.doc.editions.forEach((edition, i) => {
        const fee = typeof edition.fee === "object" ? edition.fee.unitPrice : edition.fee;
        if (fee !== "free" && fee !== "none" && isZero(fee))
          report("fee", { edition: edition.id }, { in: mode, path: ["editions", i, "fee"] });
      });
      mode.doc.charges?.forEach((charge, i) => {
        const check = (price: PriceDoc, path: DocPath): void => {
          if (price.model === "free") return price.then && check(price.then, [...path, "then"]);
          if (price.model === "graduated" || price.model === "volume") {
            if (price.tiers.every((t) => isZero(t.unitPrice) && (t.flatPrice === undefined || isZero(t.flatPrice))))
              report("tiers", { charge: charge.id }, { in: mode, path });
            return;
          }
          const amount =
            price.model === "flat"
              ? price.amount
              : price.model === "per-unit"
                ? price.unitPrice
                : price.model === "block"
                  ? price.blockPrice
                  : price.percent;
          if (isZero(amount)) report("charge", { charge: charge.id, model: price.model }, { in: mode, path });
        };
        for (const { price, path } of chargePrices(charge)) check(price, ["charges", i, ...path]);
      });
      mode.doc.addons?.forEach((addon, i) => {
        if (isZero(addon.price)) report("addon", { addon: addon.id }, { in: mode, path: ["addons", i, "price"] });
        for (const [id, offer] of Object.entries(addon.editions ?? {})) {
          if (isZero(offer.price))
            report("addon", { addon: addon.id }, { in: mode, path: ["addons", i, "editions", id, "price"] });
        }
      });
    }
  },
});
