import { didYouMean, listed } from "../errors/format.js";
import type { Problem } from "../errors/problem.js";
import { idsOf, problemIn, type Check } from "./context.js";
import { checkCells } from "./quota-cells.js";

/** A commitment names a meter of the mode that a charge of its edition bills. */
export const commitments: Check = {
  id: "commitments",
  description:
    "An edition's commitment is on a meter that exists and that one of its charges bills; its cells name dimensions and values of that meter.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.editions.forEach((edition, i) => {
        if (!edition.commitment) return;
        const { meter } = edition.commitment;
        const at = ["editions", i, "commitment", "meter"];
        const billed = (mode.doc.charges ?? []).some(
          (charge) => charge.meter === meter && (!charge.editions || charge.editions.includes(edition.id)),
        );
        const known = mode.doc.meters.find((m) => m.id === meter);
        if (!known) {
          problems.push(
            problemIn(
              mode,
              at,
              "ref.unknown-meter",
              `edition ${edition.id} commits to meter "${meter}", which mode ${mode.doc.id} does not have; ${didYouMean(meter, idsOf(mode.doc, "meters"))}known: ${listed(idsOf(mode.doc, "meters"))}`,
            ),
          );
          return;
        }
        if (!billed)
          problems.push(
            problemIn(
              mode,
              at,
              "commitment.meter",
              `edition ${edition.id} commits to ${meter}, but no charge of ${edition.id} bills ${meter}: usage above the commitment would have no price`,
            ),
          );
        if (edition.commitment.cells)
          checkCells(
            known,
            meter,
            edition.commitment.cells,
            `edition ${edition.id}'s commitment`,
            ["editions", i, "commitment"],
            (path, code, message, on) => problems.push(problemIn(mode, path, code, message, on)),
          );
      });
    }
    return problems;
  },
};
