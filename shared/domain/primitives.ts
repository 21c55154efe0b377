import { z } from "zod";
import { isEmail } from "./policy/identifier";

/** ISO 3166-1 alpha-2 country code, upper case. */
export const CountryCode = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as US or DE");
export type CountryCode = z.infer<typeof CountryCode>;

/** A jurisdiction: a country code, optionally followed by a subdivision (US, US-CA, DE-BY, US-FED). */
export const Jurisdiction = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,8})?$/, "must be a country code optionally followed by -SUBDIVISION, e.g. US-CA");
export type Jurisdiction = z.infer<typeof Jurisdiction>;

/** A calendar date, YYYY-MM-DD, read as UTC. */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

// What a reader does not see: format characters (zero-width, bidirectional marks), other default-ignorables (Hangul
// fillers, variation selectors), the braille blank, and control characters other than line breaks and tabs.
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]|(?![\t\n\r])\p{Cc}/gu;

/** Text as a reader sees it: invisible characters removed, then trimmed. */
export function shownText(text: string): string {
  return text.replace(INVISIBLE, "").trim();
}

/** Short free text: a name, a reference, a title; text made only of whitespace and invisible characters is empty. */
// zod runs every check: "" is left to min(1), so an empty value is reported once.
export const ShortText = z.string().trim().min(1).max(200).refine((text) => text === "" || shownText(text) !== "", "must contain visible text");

/** A lower-case hex SHA-256 digest. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "must be a lower-case hex SHA-256");

/**
 * An email address used as a contact. The same forms as an email identifier ("+", "#" or "&" in the local part, a domain
 * in Unicode): zod's stricter default refused a holder's own address, which a demand may name, so the holder could not be told (R5).
 */
export const EmailAddress = z.string().max(320).refine(isEmail, "must be an email address such as name@example.com").meta({ format: "email" });
