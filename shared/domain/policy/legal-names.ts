/** A name reduced to lower-case words: case, accents and punctuation do not matter when comparing names. */
export function normaliseLegalName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * True when the addressee names one of the provider's legal names as whole words
 * ("Custodian of Records, Contoso Ltd." names "Contoso Ltd"; "Contosoft" does not).
 */
export function namesProvider(addressedTo: string, legalNames: readonly string[]): boolean {
  const addressee = ` ${normaliseLegalName(addressedTo)} `;
  return legalNames.some((name) => {
    const normalised = normaliseLegalName(name);
    return normalised !== "" && addressee.includes(` ${normalised} `);
  });
}
