import { basename, resolve } from "node:path";
import { problemIn, type Check } from "./context.js";

/** Usage documents find a rule set by folder name, so the id must match it. */
export const rulesetId: Check = {
  id: "ruleset-id",
  description: "The rule set's id equals the name of its folder.",
  run({ dir, root }) {
    const folder = basename(resolve(dir));
    return root.doc.id === folder
      ? []
      : [problemIn(root, ["id"], "ruleset.id", `rule set id "${root.doc.id}" must equal its folder name "${folder}"`)];
  },
};
