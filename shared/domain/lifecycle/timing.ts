import { addIsoDuration } from "../iso-duration";

/** The instant a secrecy order that runs through `expiresOn` (a UTC date) stops binding: the start of the next day. */
export function secrecyEndsAt(expiresOn: string): Date {
  return addIsoDuration(new Date(`${expiresOn}T00:00:00.000Z`), "P1D");
}
