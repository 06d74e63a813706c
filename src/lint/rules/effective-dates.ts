import { defineRule } from "../rule.js";

export const effectiveDates = defineRule({
  id: "effective-dates",
  description: "Effective dates make sense: a mode ends after it starts, and a migration's target takes effect the day its source is retired (no gap, no overlap).",
  defaultSeverity: "warning",
  messages: {
    backwards: "mode {mode} ends on {until}, not after it starts on {from}",
    gap: "mode {from} is retired on {retired} but mode {to} only takes effect on {effective}: new apps have no mode in between",
    overlap: "mode {to} takes effect on {effective}, before mode {from} is retired on {retired}: both are open to new apps in between",
  },
  run({ files }, report) {
    const modes = new Map(files.modes.map((m) => [m.doc.id, m]));
    for (const mode of files.modes) {
      const { effective } = mode.doc;
      if (effective?.until && effective.until <= effective.from) report("backwards", { mode: mode.doc.id, from: effective.from, until: effective.until }, { in: mode, path: ["effective", "until"] });
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
