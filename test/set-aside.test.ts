import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { SetAside } from "../src/bill/set-aside.js";

/** Temporary folders of set-aside ids left behind. */
const leftOver = () => readdirSync(tmpdir()).filter((name) => name.startsWith("ratecard-set-aside-")).length;

async function readBack(aside: SetAside): Promise<string[]> {
  const read: string[] = [];
  for await (const customer of aside.customers()) read.push(customer);
  return read;
}

describe("customers set aside come back in their order, held in memory only up to a limit", () => {
  const ids = ["c1", "line\nbreak", "😀", '"quoted"', "c5", "c6", "c7"];
  it.each([
    ["none", 0],
    ["fewer than the limit", 2],
    ["exactly the limit", 3],
    ["past the limit, through a file", 7],
  ])("%s (%i ids, 3 in memory)", async (_name, count) => {
    const before = leftOver();
    const aside = new SetAside(3);
    for (const id of ids.slice(0, count)) aside.push(id);
    expect(aside.count).toBe(count);
    expect(leftOver()).toBe(before + (count >= 3 ? 1 : 0));
    expect(await readBack(aside)).toEqual(ids.slice(0, count));
    expect(leftOver()).toBe(before);
  });

  it("removes its file when closed without being read back", () => {
    const before = leftOver();
    const aside = new SetAside(1);
    aside.push("c1");
    expect(leftOver()).toBe(before + 1);
    aside.close();
    expect(leftOver()).toBe(before);
  });
});
