import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

/** An allotment `included: { per: METER, amount }` multiplies a meter that exists and has one value for the month (no dimensions). */
export const allotments: Check = {
  id: "allotments",
  description: "An included quota per unit of another meter names a meter of the mode that has no dimensions.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.editions.forEach((edition, i) => {
        for (const [id, quota] of Object.entries(edition.quotas ?? {})) {
          if (typeof quota.included !== "object") continue;
          const { per } = quota.included;
          const at = ["editions", i, "quotas", id, "included", "per"];
          const meter = mode.doc.meters.find((m) => m.id === per);
          if (!meter) problems.push(problemIn(mode, at, "ref.unknown-meter", `edition ${edition.id} includes ${id} per ${per}, which is not a meter of mode ${mode.doc.id}`));
          else if (meter.dimensions)
            problems.push(problemIn(mode, at, "quota.per", `edition ${edition.id} includes ${id} per ${per}, but ${per} has dimensions: an allotment multiplies one month value`));
        }
      });
    }
    return problems;
  },
};
