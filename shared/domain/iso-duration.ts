const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds in an ISO 8601 duration made of weeks, days, hours, minutes and seconds (no months or years: they have no fixed length). */
export function isoDurationMs(duration: string): number {
  const match = PATTERN.exec(duration);
  if (match === null || duration === "P" || duration.endsWith("T")) throw new RangeError(`not a supported ISO 8601 duration: ${duration}`);
  const [w, d, h, m, s] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return ((((w * 7 + d) * 24 + h) * 60 + m) * 60 + s) * 1000;
}

/** True when the text is a duration isoDurationMs accepts. */
export function isIsoDuration(duration: string): boolean {
  try {
    isoDurationMs(duration);
    return true;
  } catch {
    return false;
  }
}

/** The instant a duration after `from`. */
export function addIsoDuration(from: Date, duration: string): Date {
  return new Date(from.getTime() + isoDurationMs(duration));
}
