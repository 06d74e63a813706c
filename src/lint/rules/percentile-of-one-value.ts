import { defineRule } from "../rule.js";

export const percentileOfOneValue = defineRule({
  id: "percentile-of-one-value",
  description:
    "A percentile of a single month value is that value: a percentile meter should take hourly or daily values (`input: hourly` or `daily`).",
  defaultSeverity: "warning",
  messages: {
    month:
      "meter {meter} takes the {percentile}th percentile of one month value (input: month), which is the value itself; set input: hourly or daily",
    any: "meter {meter} takes the {percentile}th percentile, but a document may give one month value (input: any), of which the percentile is the value itself; set input: hourly or daily",
  },
  run({ files }, report) {
    for (const mode of files.modes) {
      mode.doc.meters.forEach((meter, i) => {
        if (meter.aggregate !== "percentile" || meter.input === "hourly" || meter.input === "daily") return;
        const input = meter.input ?? "any";
        report(
          input,
          { meter: meter.id, percentile: String(meter.percentile) },
          { in: mode, path: ["meters", i, ...(meter.input ? ["input"] : ["aggregate"])] },
        );
      });
    }
  },
});
