import { RatecardError } from "../errors/ratecard-error.js";
import { LIMITS } from "../guard/limits.js";
import { tooLarge } from "../load/read-text.js";

/**
 * All of a byte stream as strict UTF-8 text, refused past LIMITS.fileBytes without reading on
 * (so `< /dev/zero` ends at once) and decoded whole, so a character split across chunks survives.
 */
export async function readStream(stream: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    if (size > LIMITS.fileBytes) {
      const { code, message } = tooLarge("standard input");
      throw new RatecardError([{ code, message, path: [] }]);
    }
    chunks.push(bytes);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new RatecardError([{ code: "file.encoding", message: "standard input is not valid UTF-8 text", path: [] }]);
  }
}
