import type { Problem } from "../errors/problem.js";
import { Decimal } from "../money/decimal.js";
import { problemIn, type Check } from "./context.js";

/**
 * A percentile meter states P, more than 0 and at most 100, and no other meter states one; an
 * hourly meter is given as hourly values, which events metering does not produce.
 */
export const meters: Check = {
  id: "meters",
  description: "`aggregate: percentile` comes with a `percentile` in (0, 100] and only with it; hourly meters are not measured from events.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.meters.forEach((meter, i) => {
        const at = ["meters", i];
        if (meter.aggregate === "percentile" && meter.percentile === undefined) {
          problems.push(problemIn(mode, at, "meter.percentile", `meter ${meter.id} is aggregated as a percentile; say which with percentile: P (more than 0, at most 100)`));
        } else if (meter.aggregate !== "percentile" && meter.percentile !== undefined) {
          problems.push(problemIn(mode, [...at, "percentile"], "meter.percentile", `meter ${meter.id} is aggregated as ${meter.aggregate}; percentile applies only to aggregate: percentile`));
        } else if (meter.percentile !== undefined && (new Decimal(meter.percentile).lte(0) || new Decimal(meter.percentile).gt(100))) {
          problems.push(problemIn(mode, [...at, "percentile"], "meter.percentile", `meter ${meter.id} takes the ${meter.percentile}th percentile; P must be more than 0 and at most 100`));
        }
        if (meter.input === "hourly" && meter.events) {
          problems.push(
            problemIn(mode, [...at, "events"], "meter.events", `meter ${meter.id} takes hourly values, which events metering does not produce; give its hourly values in the usage document`),
          );
        }
      });
    }
    return problems;
  },
};
