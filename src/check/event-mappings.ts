import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

/** An event mapping says one thing each way: nothing in it is silently ignored. */
export const eventMappings: Check = {
  id: "event-mappings",
  description:
    "A meter's events: mapping counts a distinct key or adds a value (not both), names only the meter's dimensions, and a meter taking only month values is not averaged by day.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.meters.forEach((meter, i) => {
        const events = meter.events;
        if (!events) return;
        const at = (...path: string[]) => ["meters", i, "events", ...path];
        if (events.distinct && events.value) {
          problems.push(
            problemIn(
              mode,
              at("value"),
              "meter.events",
              `meter ${meter.id} counts distinct ${events.distinct} and adds ${events.value}; give one: distinct (count) or value (add)`,
            ),
          );
        }
        if (events.distinct && events.daily && events.daily !== "sum") {
          problems.push(
            problemIn(
              mode,
              at("daily"),
              "meter.events",
              `meter ${meter.id} counts distinct ${events.distinct} per day; daily: ${events.daily} has no meaning there, remove it`,
            ),
          );
        }
        const dimensions = new Set((meter.dimensions ?? []).map((dimension) => dimension.id));
        for (const name of Object.keys(events.dimensions ?? {})) {
          if (!dimensions.has(name)) {
            problems.push(
              problemIn(
                mode,
                at("dimensions", name),
                "meter.events",
                `meter ${meter.id} has no dimension "${name}"${dimensions.size ? `; it has: ${[...dimensions].join(", ")}` : ""}`,
              ),
            );
          }
        }
        if (meter.input === "month" && meter.aggregate === "average") {
          problems.push(
            problemIn(
              mode,
              at(),
              "meter.events",
              `meter ${meter.id} is the average of its days, computed from daily values, but takes only a month value (input: month); remove input: month`,
            ),
          );
        }
      });
    }
    return problems;
  },
};
