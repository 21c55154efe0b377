const pattern =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const unitMs = [365 * 86_400_000, 30 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/** Parses an ISO 8601 duration (P1W2DT3H4M5.5S; years = 365 days, months = 30 days) into milliseconds. */
export function parseIsoDuration(text: string): number {
  const match = pattern.exec(text.trim().toUpperCase());
  if (!match || text.trim().toUpperCase() === "P" || text.trim().toUpperCase().endsWith("T")) {
    throw new RangeError(`Not an ISO 8601 duration: ${text}`);
  }
  let total = 0;
  unitMs.forEach((ms, i) => {
    const value = match[i + 1];
    if (value !== undefined) total += Number(value) * ms;
  });
  return Math.round(total);
}

/** Formats milliseconds as a .NET TimeSpan string (d.hh:mm:ss), the form the Durable extension sends. */
export function toTimeSpan(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(Math.floor((totalSeconds % 86_400) / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}`;
  return days > 0 ? `${days}.${time}` : time;
}
