import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

const KINDS = ["meters", "entitlements", "editions", "charges", "addons"] as const;

/** No two modes, and no two items of one kind in a mode, share an id. */
export const duplicateIds: Check = {
  id: "duplicate-ids",
  description: "Ids are unique: modes within a rule set, and meters, entitlements, editions, charges and add-ons within a mode.",
  run({ modes }) {
    const problems: Problem[] = [];
    const modeIds = new Map<string, string>();
    for (const mode of modes) {
      const first = modeIds.get(mode.doc.id);
      if (first) problems.push(problemIn(mode, ["id"], "id.duplicate", `mode id "${mode.doc.id}" is already used by ${first}`));
      else modeIds.set(mode.doc.id, mode.source.file);
      for (const kind of KINDS) {
        const seen = new Set<string>();
        (mode.doc[kind] ?? []).forEach((item, index) => {
          if (seen.has(item.id)) problems.push(problemIn(mode, [kind, index, "id"], "id.duplicate", `${kind} id "${item.id}" is defined twice in mode ${mode.doc.id}`));
          seen.add(item.id);
        });
      }
    }
    return problems;
  },
};
