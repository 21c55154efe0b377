/** Counts from 1 up to this minus one are never published exactly. */
export const SUPPRESSION_THRESHOLD = 10;

/** The published wording of the rule. */
export const SUPPRESSION_RULE =
  "Counts from 1 to 9 are shown as the range 1–9. Where such a range could be recovered exactly from the other figures " +
  "of its row (outcomes add up to demands; enterprise and consumer figures add up to all) or of its column (countries add up to the totals), alone or because the " +
  "ranges there can add up in one way only, the smallest other non-zero figure there is also shown as a range of ten " +
  "(e.g. 10–19). Zero is shown as 0. Percentages are given only when both of their figures are exact.";

/** A table of exact counts with the lines along which they add up. */
export interface CountTable {
  /** values[row][column]; the last row is the totals row (each column's sum over the other rows). */
  values: number[][];
  /** Column groups whose members add up to the parent column within every row. */
  partitions: { parent: number; children: number[] }[];
}

/**
 * Decides which counts must be published as ranges: primary suppression (1–9), then complementary suppression
 * until no suppressed count in any row partition or column can be recovered exactly from the published ranges. Returns a mask
 * parallel to `values` (true = publish as a range).
 */
export function protectCounts(table: CountTable): boolean[][] {
  const { values } = table;
  const mask = values.map((row) => row.map((v) => v > 0 && v < SUPPRESSION_THRESHOLD));
  const totalsRow = values.length - 1;
  const columns = values[0]?.length ?? 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let c = 0; c < columns; c += 1) {
      const line = values.slice(0, totalsRow).map((_, r) => ({ r, c }));
      changed = complement(values, mask, line, { r: totalsRow, c }) || changed;
    }
    for (let r = 0; r < values.length; r += 1) {
      for (const { parent, children } of table.partitions) {
        changed = complement(values, mask, children.map((c) => ({ r, c })), { r, c: parent }) || changed;
      }
    }
  }
  return mask;
}

/** The published form of a count under the mask: exact, "1–9", or its range of ten. */
export function publishCount(value: number, masked: boolean): number | string {
  if (!masked) return value;
  if (value < SUPPRESSION_THRESHOLD) return `1–${SUPPRESSION_THRESHOLD - 1}`;
  const low = Math.floor(value / 10) * 10;
  return `${low}–${low + 9}`;
}

interface Cell {
  r: number;
  c: number;
}

/** The values a count may have as published: itself when exact, else the range it is shown as. */
function rangeOf(value: number, masked: boolean): [number, number] {
  if (!masked) return [value, value];
  if (value < SUPPRESSION_THRESHOLD) return [1, SUPPRESSION_THRESHOLD - 1];
  const low = Math.floor(value / 10) * 10;
  return [low, low + 9];
}

/**
 * Masks one more member of a line when a masked figure could be recovered exactly from the rest: the only masked
 * one, or several whose ranges can add up in one way only (12 − 10 = 2 shown as two ranges 1–9: both are 1).
 */
function complement(values: number[][], mask: boolean[][], members: Cell[], sum: Cell): boolean {
  const at = (cell: Cell) => (values[cell.r] as number[])[cell.c] as number;
  const isMasked = (cell: Cell) => (mask[cell.r] as boolean[])[cell.c] as boolean;
  const nonZero = members.filter((m) => at(m) > 0);
  if (!nonZero.concat(sum).some(isMasked) || !recoverable(nonZero.map((m) => rangeOf(at(m), isMasked(m))), rangeOf(at(sum), isMasked(sum)))) return false;
  const candidates = [...nonZero, ...(at(sum) > 0 ? [sum] : [])].filter((m) => !isMasked(m));
  const smallest = candidates.sort((a, b) => at(a) - at(b))[0];
  if (smallest === undefined) return false;
  (mask[smallest.r] as boolean[])[smallest.c] = true;
  return true;
}

/** Whether members adding up to sum, each known only as its range, leave some masked one (or the sum) with one possible value. */
function recoverable(members: [number, number][], sum: [number, number]): boolean {
  const low = members.reduce((total, [lo]) => total + lo, 0);
  const high = members.reduce((total, [, hi]) => total + hi, 0);
  if (sum[0] !== sum[1] && Math.max(sum[0], low) === Math.min(sum[1], high)) return true;
  return members.some(([lo, hi]) => lo !== hi && Math.max(lo, sum[0] - (high - hi)) === Math.min(hi, sum[1] - (low - lo)));
}
