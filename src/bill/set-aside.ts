import { appendFileSync, createReadStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

/** Ids kept in memory before they go to a temporary file. */
const IN_MEMORY = 10_000;

/**
 * Customer ids set aside while documents stream (customers with events but no terms), read back in
 * the order they came once the stream is done. Past `inMemory` ids they are appended to a temporary
 * file, a batch at a time, so that a customers file missing millions of customers holds no memory.
 */
export class SetAside {
  count = 0;
  #held: string[] = [];
  #dir: string | undefined;
  readonly #inMemory: number;

  constructor(inMemory = IN_MEMORY) {
    this.#inMemory = inMemory;
  }

  push(customer: string): void {
    this.count++;
    if (this.#held.push(customer) >= this.#inMemory) this.#spill();
  }

  /** The ids in the order they were set aside; the temporary file is removed after. */
  async *customers(): AsyncGenerator<string> {
    try {
      if (this.#dir) {
        this.#spill();
        const lines = createInterface({ input: createReadStream(this.#file(this.#dir)), crlfDelay: Infinity });
        for await (const line of lines) yield JSON.parse(line) as string;
      } else yield* this.#held;
    } finally {
      this.close();
    }
  }

  close(): void {
    this.#held = [];
    if (this.#dir) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = undefined;
  }

  /** Appends the held ids to the file, one JSON string a line (an id may hold a line break). */
  #spill(): void {
    this.#dir ??= mkdtempSync(join(tmpdir(), "ratecard-set-aside-"));
    appendFileSync(this.#file(this.#dir), this.#held.map((customer) => `${JSON.stringify(customer)}\n`).join(""));
    this.#held = [];
  }

  #file(dir: string): string {
    return join(dir, "customers.ndjson");
  }
}
