import { varPaths } from "../../logic/compile-logic.js";
import { eligibilityRules, isPerDay } from "../../model/document.js";
import { own } from "../../guard/own.js";
import { defineRule } from "../rule.js";

export const unusedMeter = defineRule({
  id: "unused-meter",
  description:
    "A meter that no charge prices, no fee counts, no condition reads and no edition gives a quota or limit on is dead weight, or a charge was forgotten.",
  defaultSeverity: "warning",
  messages: { unused: 'meter "{meter}" is not used by any charge, fee, condition, quota or limit of mode {mode}' },
  run({ files }, report) {
    for (const mode of files.modes) {
      const used = new Set([
        ...(mode.doc.charges ?? []).map((c) => c.meter),
        ...mode.doc.editions.flatMap((e) => [
          ...Object.keys(e.quotas ?? {}),
          ...(typeof e.fee === "object" ? [e.fee.per] : []),
        ]),
        ...mode.doc.editions.flatMap((e) =>
          Object.values(e.quotas ?? {}).flatMap((q) =>
            typeof q.included === "object" && !isPerDay(q.included) ? [q.included.per] : [],
          ),
        ),
        ...(mode.doc.addons ?? []).flatMap((a) => {
          const max = a.quantity?.max;
          return typeof max === "object"
            ? [own(max, "usage"), own(max, "per")].filter((id): id is string => typeof id === "string")
            : [];
        }),
        ...(mode.doc.addons ?? []).flatMap((a) =>
          eligibilityRules(a).flatMap((rule) =>
            varPaths(rule.when).flatMap((v) => {
              const [root, meter] = v?.split(".") ?? [];
              return root === "usage" && meter !== undefined ? [meter] : [];
            }),
          ),
        ),
      ]);
      mode.doc.meters.forEach((meter, i) => {
        if (!used.has(meter.id))
          report("unused", { meter: meter.id, mode: mode.doc.id }, { in: mode, path: ["meters", i, "id"] });
      });
    }
  },
});
