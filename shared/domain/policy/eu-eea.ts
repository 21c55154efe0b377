import type { CountryCode } from "../primitives";

/** ISO 3166-1 codes of the EU member states (Greece is GR, not the EU's own "EL") and the other EEA states. */
export const EU_EEA_COUNTRIES: readonly CountryCode[] = [
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
  "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
  "IS", "LI", "NO",
];

/** True when the country is an EU or EEA state. */
export function isEuEeaCountry(country: CountryCode): boolean {
  return EU_EEA_COUNTRIES.includes(country);
}
