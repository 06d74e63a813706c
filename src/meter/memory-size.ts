import { RatecardError } from "../errors/ratecard-error.js";

const UNITS: Readonly<Record<string, number>> = {
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
};

/** A memory size as `--memory` takes it (1GB, 512MB, 1.5GiB), checked. */
export function checkSize(size: string): string {
  if (!/^\d{1,6}(\.\d{1,3})?\s?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(size))
    throw new RatecardError([
      { code: "usage.value", message: `the memory limit must be a size such as 1GB or 512MB, not "${size}"`, path: [] },
    ]);
  return size;
}

/** A checked memory size in bytes. */
export function parseSize(size: string): number {
  const [, number, unit] = /^([\d.]+)\s?(\w+)$/.exec(checkSize(size))!;
  return Math.floor(Number(number) * UNITS[unit!.toUpperCase()]!); // eslint-disable-line ratecard/no-float-money -- bytes of memory
}
