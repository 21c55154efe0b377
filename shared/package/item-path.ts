import { PackageError } from "./package-error";

// Control characters (C0, DEL, C1) are refused: they can hide path parts in terminals and logs.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Invisible format characters (bidi overrides, isolates and marks, zero-width spaces, the byte order mark, soft
// hyphens), line and paragraph separators and lone surrogates are refused too: they make a name display as another
// ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), or (lone surrogates) are written to disk as U+FFFD. Zero-width
// (non-)joiners stay allowed: Persian words and emoji sequences need them.
const INVISIBLE = /(?![\u200c\u200d])[\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/u;

/** Why a package item path is unsafe, or undefined when it is a safe relative POSIX path (format §7). */
export function findItemPathProblem(path: string): string | undefined {
  if (path.length === 0 || path.length > 1024) return "must have 1 to 1024 characters";
  if (CONTROL.test(path)) return "contains a control character";
  if (INVISIBLE.test(path)) return "contains an invisible formatting character or a lone surrogate";
  if (path.includes("\\")) return "contains a backslash";
  if (path.startsWith("/")) return "is absolute";
  if (/^[A-Za-z]:/.test(path)) return "has a drive prefix";
  for (const part of path.split("/")) {
    if (part === "") return "has an empty part";
    if (part === "." || part === "..") return "has a '.' or '..' part";
  }
  return undefined;
}

/** Throws UNSAFE_ITEM_PATH unless the path is safe. */
export function assertSafeItemPath(path: string): void {
  const problem = findItemPathProblem(path);
  if (problem !== undefined) throw new PackageError("UNSAFE_ITEM_PATH", `unsafe item path ${JSON.stringify(path)}: ${problem}`);
}

// Windows reads a colon as an alternate data stream (or a drive), treats device names as devices whatever their
// extension, and drops trailing dots and spaces, so such a part would be written somewhere else than it is named.
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;
const WINDOWS_INVALID = /[<>:"|?*]/;

/** Why a safe item path cannot be written as named on Windows, or undefined when it can. */
export function findWindowsPathProblem(path: string): string | undefined {
  for (const part of path.split("/")) {
    if (WINDOWS_INVALID.test(part)) return "contains a character Windows refuses or reads as a stream (<>:\"|?*)";
    if (WINDOWS_RESERVED.test(part)) return `names the Windows device ${part.split(".")[0] as string}`;
    if (/[. ]$/.test(part)) return "ends with a dot or space, which Windows drops";
  }
  return undefined;
}

/**
 * The item paths of one package so far. A path may appear once, and never both as a file and as a folder of another
 * ("a" and "a/b"): no file system can hold both.
 */
export class ItemPathSet {
  private readonly paths = new Set<string>();
  private readonly folders = new Set<string>();

  /** Adds a path; false (and nothing added) when it repeats one, or is a file where another needs a folder or the reverse. */
  add(path: string): boolean {
    const parents = path.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"));
    if (this.paths.has(path) || this.folders.has(path) || parents.some((parent) => this.paths.has(parent))) return false;
    this.paths.add(path);
    for (const parent of parents) this.folders.add(parent);
    return true;
  }
}
