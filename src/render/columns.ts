/** The width of each column of a text table: its widest cell. */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  return widths;
}

/**
 * A row of a text table: cells two spaces apart, each padded to its column's width (to the left
 * where `right` says, for amounts), trailing spaces trimmed.
 */
export function alignedRow(
  row: readonly string[],
  widths: readonly number[],
  right: (column: number) => boolean,
): string {
  return row
    .map((cell, i) => (right(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
    .join("  ")
    .trimEnd();
}
