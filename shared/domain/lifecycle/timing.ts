import { addIsoDuration } from "../iso-duration";

/**
 * The instant a secrecy order that runs through `expiresOn` (its last day in force) stops binding: when that day has
 * ended everywhere on Earth, i.e. the next day's 00:00 at UTC−12 (12:00 UTC). The order does not say where its day is
 * counted, and notice given while it still binds where the court sits (a US court's last day runs until 08:00 UTC the
 * day after) would break it; the mirror of "in the future", judged at UTC+14 (policy/dates.ts).
 */
export function secrecyEndsAt(expiresOn: string): Date {
  return addIsoDuration(new Date(`${expiresOn}T12:00:00.000Z`), "P1D");
}
