import type { Sourced } from "../../validate/read-ruleset.js";
import type { ModeDoc } from "../../model/document.js";
import { defineRule } from "../rule.js";

type Versions = [Sourced<ModeDoc>, ...Sourced<ModeDoc>[]];

const byFrom = (a: Sourced<ModeDoc>, b: Sourced<ModeDoc>) =>
  (a.doc.effective?.from ?? "").localeCompare(b.doc.effective?.from ?? "");

/** The version that takes effect last; of two from the same day, the one listed later. */
function latest(versions: Versions): Sourced<ModeDoc> {
  return versions.reduce((last, version) => (byFrom(version, last) >= 0 ? version : last));
}

function byId(modes: readonly Sourced<ModeDoc>[]): Map<string, Versions> {
  const map = new Map<string, Versions>();
  for (const mode of modes) {
    const known = map.get(mode.doc.id);
    map.set(mode.doc.id, known ? [...known, mode] : [mode]);
  }
  return map;
}

export const effectiveDates = defineRule({
  id: "effective-dates",
  description:
    "Effective dates make sense: a mode ends after it starts, its price versions follow each other without a gap, and a migration's target takes effect the day its source is retired (no gap, no overlap).",
  defaultSeverity: "warning",
  messages: {
    backwards: "mode {mode} ends on {until}, not after it starts on {from}",
    versionGap: "no prices of mode {mode} are in force from {until} until {from}, between two of its versions",
    gap: "mode {from} is retired on {retired} but mode {to} only takes effect on {effective}: new apps have no mode in between",
    overlap:
      "mode {to} takes effect on {effective}, before mode {from} is retired on {retired}: both are open to new apps in between",
  },
  run({ files }, report) {
    // Migrations concern the latest version of each mode.
    const modes = new Map([...byId(files.modes)].map(([id, versions]) => [id, latest(versions)]));
    for (const mode of files.modes) {
      const { effective } = mode.doc;
      if (effective?.from && effective.until && effective.until <= effective.from)
        report(
          "backwards",
          { mode: mode.doc.id, from: effective.from, until: effective.until },
          { in: mode, path: ["effective", "until"] },
        );
    }
    for (const [id, versions] of byId(files.modes)) {
      let previous: Sourced<ModeDoc> | undefined;
      for (const next of versions.sort(byFrom)) {
        const until = previous?.doc.effective?.until;
        const from = next.doc.effective?.from;
        if (until && from && until < from)
          report("versionGap", { mode: id, until, from }, { in: next, path: ["effective", "from"] });
        previous = next;
      }
    }
    for (const migration of files.root.doc.migrations ?? []) {
      const from = modes.get(migration.from);
      const to = modes.get(migration.to);
      if (!from || !to) return;
      const retired = from.doc.retired?.on;
      const effective = to.doc.effective?.from;
      const data = { from: migration.from, to: migration.to, retired: retired ?? "", effective: effective ?? "" };
      if (!retired || !effective) return;
      if (effective > retired) report("gap", data, { in: to, path: ["effective", "from"] });
      else if (effective < retired) report("overlap", data, { in: to, path: ["effective", "from"] });
    }
  },
});
