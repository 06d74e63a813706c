import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

/** An edge of the migration graph: migration `index` moves an app from `from` to `to`. */
interface Move {
  index: number;
  from: string;
  to: string;
}

/**
 * Migrations never lead an app back to a mode it left (original → current → original): each
 * cycle is reported once, at the migration listed last in it, naming the modes round the cycle.
 * A migration from a mode to itself is the references check's to report.
 */
export const migrationCycles: Check = {
  id: "migration-cycles",
  description: "Migrations form no cycle: no chain of migrations leads back to the mode it started from.",
  run({ root }) {
    const moves: Move[] = (root.doc.migrations ?? [])
      .map(({ from, to }, index) => ({ index, from, to }))
      .filter(({ from, to }) => from !== to);
    const problems: Problem[] = [];
    for (const move of moves) {
      const back = pathBetween(moves, move.to, move.from);
      if (!back || back.some((other) => other.index > move.index)) continue;
      const cycle = [move, ...back];
      const first = cycle.reduce((a, b) => (b.index < a.index ? b : a));
      const start = cycle.indexOf(first);
      const modes = [...cycle.slice(start), ...cycle.slice(0, start)].map((m) => m.from);
      problems.push(
        problemIn(
          root,
          ["migrations", move.index],
          "migration.cycle",
          `migrations go round in a cycle: ${[...modes, modes[0]].join(" → ")}; a migration cannot lead back to a mode the app left`,
        ),
      );
    }
    return problems;
  },
};

/** The moves of a shortest chain from `start` to `goal`, if one exists (breadth first). */
function pathBetween(moves: readonly Move[], start: string, goal: string): Move[] | undefined {
  const via = new Map<string, Move | null>([[start, null]]);
  const queue = [start];
  // Modes queued while the loop runs are visited in turn.
  for (const mode of queue) {
    if (mode === goal) {
      const path: Move[] = [];
      for (let step = via.get(mode); step; step = via.get(step.from)) path.unshift(step);
      return path;
    }
    for (const move of moves) {
      if (move.from === mode && !via.has(move.to)) {
        via.set(move.to, move);
        queue.push(move.to);
      }
    }
  }
  return undefined;
}
