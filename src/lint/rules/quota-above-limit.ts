import { quotaEntries } from "../../model/document.js";
import { Decimal } from "../../money/decimal.js";
import { defineRule } from "../rule.js";

export const quotaAboveLimit = defineRule({
  id: "quota-above-limit",
  description:
    "An included quota larger than the hard limit on the same meter can never be used up: one of the two figures is wrong.",
  defaultSeverity: "warning",
  messages: { above: "{edition} includes {included} {meter} but is capped at {limit}; the quota can never be reached" },
  run({ files }, report) {
    for (const mode of files.modes) {
      mode.doc.editions.forEach((edition, i) => {
        for (const { meter, quota, at } of quotaEntries(edition.quotas)) {
          // An allotment per unit of another meter has no fixed size to compare.
          if (quota.included === undefined || typeof quota.included === "object" || quota.limit === undefined) continue;
          if (new Decimal(quota.included).gt(quota.limit)) {
            report(
              "above",
              { edition: edition.id, meter, included: String(quota.included), limit: String(quota.limit) },
              { in: mode, path: ["editions", i, "quotas", ...at, "included"] },
            );
          }
        }
      });
    }
  },
});
