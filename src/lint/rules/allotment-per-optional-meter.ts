import { isPerDay } from "../../model/document.js";
import { defineRule } from "../rule.js";

export const allotmentPerOptionalMeter = defineRule({
  id: "allotment-per-optional-meter",
  description:
    "An allotment per unit of a meter that usage documents may leave out (`required: false`) includes nothing when it is left out, silently: the customer is billed for usage the allotment was meant to cover.",
  defaultSeverity: "warning",
  messages: {
    quota:
      "{edition} includes {meter} per {per}, but {per} is not required (required: false): a document that leaves it out gets nothing included",
    addon:
      "add-on {addon} allows units per {per}, but {per} is not required (required: false): a document that leaves it out can buy none",
  },
  run({ files }, report) {
    for (const mode of files.modes) {
      const optional = new Set(mode.doc.meters.filter((meter) => meter.required === false).map((meter) => meter.id));
      mode.doc.editions.forEach((edition, i) => {
        for (const [meter, quota] of Object.entries(edition.quotas ?? {})) {
          if (typeof quota.included === "object" && !isPerDay(quota.included) && optional.has(quota.included.per))
            report(
              "quota",
              { edition: edition.id, meter, per: quota.included.per },
              { in: mode, path: ["editions", i, "quotas", meter, "included", "per"] },
            );
        }
      });
      mode.doc.addons?.forEach((addon, i) => {
        const max = addon.quantity?.max;
        const per = typeof max === "object" && Object.hasOwn(max, "per") ? (max as { per: string }).per : undefined;
        if (per !== undefined && optional.has(per))
          report("addon", { addon: addon.id, per }, { in: mode, path: ["addons", i, "quantity", "max", "per"] });
      });
    }
  },
});
