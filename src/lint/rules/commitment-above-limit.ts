import { quotaEntries } from "../../model/document.js";
import { Decimal } from "../../money/decimal.js";
import { defineRule } from "../rule.js";

export const commitmentAboveLimit = defineRule({
  id: "commitment-above-limit",
  description:
    "Committed units beyond the hard limit on their meter can never be used: the service blocks usage before it reaches the commitment.",
  defaultSeverity: "warning",
  messages: {
    above:
      "{edition} commits to {quantity} {meter}, but its hard limit on {meter} is {limit}: {unused} committed units can never be used",
  },
  run({ files }, report) {
    for (const mode of files.modes) {
      mode.doc.editions.forEach((edition, i) => {
        const commitment = edition.commitment;
        const limit =
          commitment && quotaEntries(edition.quotas).find((entry) => entry.meter === commitment.meter)?.quota.limit;
        if (!commitment || limit === undefined || new Decimal(commitment.quantity).lte(limit)) return;
        const unused = new Decimal(commitment.quantity).minus(limit).toFixed();
        report(
          "above",
          {
            edition: edition.id,
            meter: commitment.meter,
            quantity: String(commitment.quantity),
            limit: String(limit),
            unused,
          },
          { in: mode, path: ["editions", i, "commitment", "quantity"] },
        );
      });
    }
  },
});
