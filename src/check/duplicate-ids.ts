import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

const KINDS = ["meters", "entitlements", "editions", "charges", "addons"] as const;

/** No two items of one kind in a mode share an id (files sharing a mode id are its price versions). */
export const duplicateIds: Check = {
  id: "duplicate-ids",
  description: "Ids are unique within a mode: meters, entitlements, editions, charges and add-ons.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      for (const kind of KINDS) {
        const seen = new Set<string>();
        (mode.doc[kind] ?? []).forEach((item, index) => {
          if (seen.has(item.id))
            problems.push(
              problemIn(
                mode,
                [kind, index, "id"],
                "id.duplicate",
                `${kind} id "${item.id}" is defined twice in mode ${mode.doc.id}`,
              ),
            );
          seen.add(item.id);
        });
      }
    }
    return problems;
  },
};
