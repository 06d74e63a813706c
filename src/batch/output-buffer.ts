/**
 * Results written as UTF-8 into one growing buffer. Building a chunk's output as one long
 * string and encoding it at the end cost ~10 µs a record (flattening thousands of
 * concatenations); writing each result straight into bytes costs ~0.5 µs.
 */
export class OutputBuffer {
  #bytes: Buffer;
  #length = 0;

  /** `expected`: the bytes the results will likely take (growing later copies everything written so far). */
  constructor(expected: number) {
    this.#bytes = Buffer.allocUnsafeSlow(Math.max(expected, 64 * 1024));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Drops what was written after `length`; false, for callers that give up on a write. */
  rewind(length: number): false {
    this.#length = length;
    return false;
  }

  /** Appends `text` and a newline. */
  line(text: string): void {
    this.text(text);
    this.byte(10);
  }

  /** Appends `text` as UTF-8. */
  text(text: string): void {
    // A UTF-16 code unit is at most 3 bytes of UTF-8: room for that means write() never cuts the text.
    this.#room(text.length * 3);
    this.#length += this.#bytes.write(text, this.#length);
  }

  /** Appends bytes already encoded. */
  raw(bytes: Uint8Array): void {
    this.#room(bytes.length);
    const into = this.#bytes;
    const at = this.#length;
    // set() costs more than a loop for the few bytes between a template's values; a for-of loop, twice as much.
    if (bytes.length > 64) into.set(bytes, at);
    else for (let i = 0; i < bytes.length; i++) into[at + i] = bytes[i]!;
    this.#length = at + bytes.length;
  }

  /** Appends a number as JSON writes it (ASCII, so without the encoder). */
  number(value: number): void {
    const text = JSON.stringify(value);
    this.#room(text.length);
    for (let i = 0; i < text.length; i++) this.#bytes[this.#length++] = text.charCodeAt(i);
  }

  /** Appends one byte. */
  byte(value: number): void {
    this.#room(1);
    this.#bytes[this.#length++] = value;
  }

  /**
   * Appends `text` as a JSON string when it needs no escaping and is ASCII (decimal strings and
   * dates, written without a trip through the encoder); returns false, having written nothing, otherwise.
   */
  plainString(text: string): boolean {
    this.#room(text.length + 2);
    const bytes = this.#bytes;
    let at = this.#length;
    bytes[at++] = 34;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 32 || code > 126 || code === 34 || code === 92) return false;
      bytes[at++] = code;
    }
    bytes[at++] = 34;
    this.#length = at;
    return true;
  }

  /**
   * What was written. Its memory is never one of Node's pooled buffers, so a worker thread can
   * transfer it to the main thread instead of copying it.
   */
  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  #room(more: number): void {
    const needed = this.#length + more;
    if (needed > this.#bytes.length) this.#grow(needed);
  }

  #grow(needed: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(needed, this.#bytes.length * 2));
    this.#bytes.copy(bigger, 0, 0, this.#length);
    this.#bytes = bigger;
  }
}
