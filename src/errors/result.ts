import type { Problem } from "./problem.js";

/** The outcome of a stage: a value, or the problems that stopped it. */
export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(problems: Problem[]): Result<T> => ({ ok: false, problems });
