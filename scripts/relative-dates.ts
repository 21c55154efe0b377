const DAY_MS = 86_400_000;

/** The calendar day `days` days from `now` (UTC), as YYYY-MM-DD; demos and test builders date things this way so nothing they file expires. */
export function dayFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last full half-year before `now` (UTC): always inside the demo data set, which ends with the current half-year. */
export function previousHalfYear(now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear();
  return now.getUTCMonth() < 6 ? { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` } : { from: `${year}-01-01`, to: `${year}-06-30` };
}
