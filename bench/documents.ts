/** Varied usage documents for the benchmarks, from a seeded generator so every run prices the same ones. */
import type { UsageDocument } from "../src/index.js";

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pro-edition documents of the current mode: month values or daily series, and a mix of add-ons. */
export function proDocuments(count: number, seed = 1): UsageDocument[] {
  const next = random(seed);
  const whole = (max: number) => Math.floor(next() * max);
  const series = (max: number) => Array.from({ length: 31 }, () => whole(max));
  return Array.from({ length: count }, () => {
    const daily = next() < 0.2;
    const addons: Record<string, unknown> = {};
    if (next() < 0.5) addons["group-members"] = true;
    if (next() < 0.5) addons["message-retention"] = { days: [30, 90, 180, 360][whole(4)] };
    return {
      ruleset: "tencent-im",
      period: "2026-10",
      app: { createdAt: "2022-06-01" },
      edition: "pro",
      usage: { dau: daily ? series(200_000) : whole(200_000), groups: daily ? series(900_000) : whole(900_000) },
      addons,
    } as UsageDocument;
  });
}
