import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

const SHARED = ["price", "options", "grants"] as const;

/**
 * An add-on states its price in one place: once for every edition, or per edition under
 * `editions` — never both, since one of the two would be silently ignored. Option values that
 * set an entitlement (retention days) are whole numbers, so that the entitlement can be read.
 */
export const addonPrices: Check = {
  id: "addon-prices",
  description:
    "An add-on prices itself either once for all editions or per edition, not both; an edition that includes it or does not offer it gives no price; options that grant an entitlement are whole numbers.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.addons?.forEach((addon, i) => {
        const shared = SHARED.filter((key) => addon[key] !== undefined);
        const [firstShared] = shared;
        if (addon.editions && firstShared) {
          problems.push(
            problemIn(
              mode,
              ["addons", i, firstShared],
              "addon.conflict",
              `add-on ${addon.id} has both \`${shared.join("`, `")}\` for every edition and \`editions:\`, which would override it; state the price once, or under each edition`,
              "key",
            ),
          );
        }
        for (const [id, offer] of Object.entries(addon.editions ?? {})) {
          const state = offer.offered === false ? "does not offer" : offer.included === true ? "includes" : undefined;
          const ignored = [
            ...(offer.price !== undefined ? ["price"] : []),
            ...(offer.options !== undefined ? ["options"] : []),
            ...(offer.offered === false && offer.included === true ? ["included"] : []),
          ];
          if (state && ignored[0])
            problems.push(
              problemIn(
                mode,
                ["addons", i, "editions", id, ignored[0]],
                "addon.conflict",
                `edition ${id} ${state} add-on ${addon.id}, so its \`${ignored.join("`, `")}\` would be ignored; remove one or the other`,
                "key",
              ),
            );
        }
        if (!addon.option?.grants) return;
        const tables = [addon.options, ...Object.values(addon.editions ?? {}).map((offer) => offer.options)];
        for (const value of tables.flatMap((table) => Object.keys(table ?? {}))) {
          if (!/^\d{1,24}$/.test(value)) {
            problems.push(
              problemIn(
                mode,
                ["addons", i, "option"],
                "option.value",
                `add-on ${addon.id}'s option ${addon.option.id} grants ${addon.option.grants}, so its values are whole numbers; "${value}" is not one`,
              ),
            );
            break;
          }
        }
      });
    }
    return problems;
  },
};
