import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

/** A usage document may omit `edition:`, so every mode needs exactly one default. */
export const defaultEdition: Check = {
  id: "default-edition",
  description: "Each mode marks exactly one edition as the default.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      const defaults = mode.doc.editions.flatMap((edition, i) => (edition.default ? [i] : []));
      if (defaults.length === 1) continue;
      const path = defaults.length ? ["editions", defaults[1] ?? 0, "default"] : ["editions"];
      const message = defaults.length
        ? `mode ${mode.doc.id} marks ${defaults.length} editions as default; keep \`default: true\` on one`
        : `mode ${mode.doc.id} has no default edition; add \`default: true\` to one edition`;
      problems.push(problemIn(mode, path, "default.count", message));
    }
    return problems;
  },
};
