import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

/** Option price tables and the option they price come together. */
export const addonOptions: Check = {
  id: "addon-options",
  description:
    "An add-on with an option table declares its `option`, and an add-on with an `option` prices it somewhere; an edition includes such an add-on value by value.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.addons?.forEach((addon, i) => {
        const tables = [
          ...(addon.options ? [["addons", i, "options"]] : []),
          ...Object.entries(addon.editions ?? {}).flatMap(([id, offer]) =>
            offer.options ? [["addons", i, "editions", id, "options"]] : [],
          ),
        ];
        if (!addon.option) {
          for (const path of tables)
            problems.push(
              problemIn(
                mode,
                path,
                "option.unknown",
                `add-on ${addon.id} prices options but declares no \`option:\`; add one (e.g. { id: days, name: Retention period })`,
                "key",
              ),
            );
        } else {
          for (const [id, offer] of Object.entries(addon.editions ?? {}))
            if (offer.included === true && offer.offered !== false)
              problems.push(
                problemIn(
                  mode,
                  ["addons", i, "editions", id, "included"],
                  "option.included",
                  `add-on ${addon.id} asks the buyer for ${addon.option.id}, so edition ${id} cannot include it as a whole; say which values it includes: options: { VALUE: included, … }`,
                  "key",
                ),
              );
        }
        if (addon.option && tables.length === 0) {
          problems.push(
            problemIn(
              mode,
              ["addons", i, "option"],
              "option.unknown",
              `add-on ${addon.id} declares option "${addon.option.id}" but no \`options:\` table prices its values`,
            ),
          );
        }
      });
    }
    return problems;
  },
};
