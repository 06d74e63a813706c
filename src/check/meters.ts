import type { DocPath, Problem } from "../errors/problem.js";
import type { Sourced } from "../validate/read-ruleset.js";
import type { EventsDoc, MeterDoc, ModeDoc } from "../model/document.js";
import { Decimal } from "../money/decimal.js";
import { problemIn, type Check } from "./context.js";

/**
 * A percentile meter states P, more than 0 and at most 100, and no other meter states one; an
 * hourly meter's events are made into hours (`hourly:`, UTC hours: no time zone), other meters'
 * into days (`daily:`).
 */
export const meters: Check = {
  id: "meters",
  description:
    "`aggregate: percentile` comes with a `percentile` in (0, 100] and only with it; an hourly meter's events say `hourly:` (not `daily:`) in UTC, other meters' not `hourly:`.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.meters.forEach((meter, i) => {
        const at = ["meters", i];
        if (meter.aggregate === "percentile" && meter.percentile === undefined) {
          problems.push(
            problemIn(
              mode,
              at,
              "meter.percentile",
              `meter ${meter.id} is aggregated as a percentile; say which with percentile: P (more than 0, at most 100)`,
            ),
          );
        } else if (meter.aggregate !== "percentile" && meter.percentile !== undefined) {
          problems.push(
            problemIn(
              mode,
              [...at, "percentile"],
              "meter.percentile",
              `meter ${meter.id} is aggregated as ${meter.aggregate}; percentile applies only to aggregate: percentile`,
            ),
          );
        } else if (
          meter.percentile !== undefined &&
          (new Decimal(meter.percentile).lte(0) || new Decimal(meter.percentile).gt(100))
        ) {
          problems.push(
            problemIn(
              mode,
              [...at, "percentile"],
              "meter.percentile",
              `meter ${meter.id} takes percentile ${meter.percentile}; P must be more than 0 and at most 100`,
            ),
          );
        }
        if (meter.events) problems.push(...hourlyEvents(mode, meter, meter.events, at));
      });
    }
    return problems;
  },
};

/** An hourly meter's events are made into UTC hours (`hourly:`); other meters' into days (`daily:`). */
function hourlyEvents(mode: Sourced<ModeDoc>, meter: MeterDoc, events: EventsDoc, at: DocPath): Problem[] {
  const here = (key: string, message: string) => problemIn(mode, [...at, "events", key], "meter.events", message);
  if (meter.input !== "hourly")
    return events.hourly
      ? [
          here(
            "hourly",
            `meter ${meter.id} is given by day; hourly: applies to a meter with input: hourly (use daily: here)`,
          ),
        ]
      : [];
  const problems: Problem[] = [];
  if (events.daily)
    problems.push(
      here(
        "daily",
        `meter ${meter.id} takes hourly values; say how an hour's events make the hour's value with hourly:, not daily:`,
      ),
    );
  if (events.timezone && events.timezone !== "UTC")
    problems.push(
      here(
        "timezone",
        `meter ${meter.id} takes the hours of the month in UTC; its events cannot be cut in time zone ${events.timezone}`,
      ),
    );
  return problems;
}
