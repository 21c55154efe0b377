// Legal forms written out, as the abbreviation they are compared as ("Contoso Corporation" and "Contoso Corp." are one
// company). Phrases are replaced before single words, so "limited liability company" is "llc", not "ltd liability co".
const LEGAL_FORM_PHRASES: readonly [phrase: string, abbreviation: string][] = [
  ["limited liability company", "llc"],
  ["limited liability partnership", "llp"],
  ["public limited company", "plc"],
];
const LEGAL_FORM_WORDS: Readonly<Record<string, string>> = {
  corporation: "corp",
  incorporated: "inc",
  limited: "ltd",
  company: "co",
};

/** "l l c" → "llc": an abbreviation written with dots or spaces between its letters is one word. */
function joinSpelledLetters(words: string[]): string[] {
  const joined: string[] = [];
  let run = "";
  const flush = () => {
    if (run !== "") joined.push(run);
    run = "";
  };
  for (const word of words) {
    if ([...word].length === 1 && /\p{L}/u.test(word)) {
      run += word;
    } else {
      flush();
      joined.push(word);
    }
  }
  flush();
  return joined;
}

/**
 * A name reduced to lower-case words: case, accents and punctuation do not matter when comparing names, and a legal
 * form compares equal to its abbreviation (Incorporated / Inc., Limited / Ltd, L.L.C. / LLC).
 */
export function normaliseLegalName(name: string): string {
  const words = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((word) => word !== "");
  let text = ` ${joinSpelledLetters(words).join(" ")} `;
  for (const [phrase, abbreviation] of LEGAL_FORM_PHRASES) text = text.replaceAll(` ${phrase} `, ` ${abbreviation} `);
  return text
    .trim()
    .split(" ")
    .map((word) => LEGAL_FORM_WORDS[word] ?? word)
    .join(" ");
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
